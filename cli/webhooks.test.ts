import { createHmac, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { createMigratedTestDatabase } from "@/test/helpers/migrated-test-database";
import type { TestDatabase } from "@/test/helpers/test-database";

const ROOT = path.resolve(import.meta.dirname, "..");
const PREFIX = `t-webhooks-${randomUUID().slice(0, 8)}`;
const SECRET = "whsec-0123456789abcdef";

type Received = { path: string; headers: Record<string, string | string[] | undefined>; body: string };

let database: TestDatabase;
let db: Db;
let receiver: Server;
let base: string;
const received: Received[] = [];

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createDb({ databaseUrl: database.url, max: 4 });
  // A local endpoint: /ok answers 200, /broken answers 500.
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push({ path: request.url ?? "", headers: request.headers, body });
      response.writeHead(request.url === "/broken" ? 500 : 200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  await db.pluginState.create({
    data: {
      name: "webhooks",
      enabled: true,
      config: {
        endpoints: [
          { url: `${base}/ok`, events: ["answer.created"], format: "json", secret: SECRET },
          { url: `${base}/broken`, events: ["answer.created"], format: "json" },
        ],
      },
    },
  });
});

afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await db?.$disconnect();
  await database?.drop();
});

beforeEach(() => {
  received.length = 0;
});

/** Runs the real CLI from source against the test database (no TTY: plain output). */
function cli(args: string[], env: Record<string, string> = {}) {
  return execa("node", ["--import", "tsx", "cli/index.ts", ...args], {
    cwd: ROOT,
    reject: false,
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
      REDIS_PREFIX: PREFIX,
      BETTER_AUTH_SECRET: "test-secret-test-secret-test-secret-0123456789",
      LOG_LEVEL: "warn",
      WEBHOOKS_ALLOW_PRIVATE: "1",
      ...env,
    },
  });
}

function makeDelivery(data: { endpoint: string; status: string; statusCode?: number; attempts: number; createdAt: Date; error?: string }) {
  const eventId = randomUUID();
  const payload = { event: "answer.created", eventId, occurredAt: data.createdAt.toISOString(), summary: "bob answered: How?", data: { answerId: 7, questionId: 3 } };
  return db.webhookDelivery.create({
    data: { ...data, event: "answer.created", eventId, payload, deliveredAt: data.status === "delivered" ? data.createdAt : null },
  });
}

describe("webhooks deliveries", () => {
  it("lists newest first as tab-separated lines, filtered by --status and --limit, or as JSON", async () => {
    const oldOk = await makeDelivery({ endpoint: `${base}/ok`, status: "delivered", statusCode: 200, attempts: 1, createdAt: new Date("2025-01-01T10:00:00Z") });
    const failed = await makeDelivery({ endpoint: `${base}/ok`, status: "failed", statusCode: 502, attempts: 3, error: "HTTP 502", createdAt: new Date("2025-01-02T10:00:00Z") });

    const all = await cli(["webhooks", "deliveries"]);
    expect(all.exitCode, all.stderr).toBe(0);
    expect(all.stdout.split("\n")).toEqual([
      [failed.id, "2025-01-02 10:00:00", "answer.created", `${base}/ok`, "failed", "502", "3", "HTTP 502"].join("\t"),
      [oldOk.id, "2025-01-01 10:00:00", "answer.created", `${base}/ok`, "delivered", "200", "1", ""].join("\t"),
    ]);

    const onlyFailed = await cli(["webhooks", "deliveries", "--status", "failed", "--json"]);
    expect(onlyFailed.exitCode).toBe(0);
    const rows = JSON.parse(onlyFailed.stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: failed.id, status: "failed", statusCode: 502, attempts: 3, error: "HTTP 502", eventId: failed.eventId });
    expect(rows[0]).not.toHaveProperty("payload");

    const limited = await cli(["webhooks", "deliveries", "--limit", "1", "--json"]);
    expect(JSON.parse(limited.stdout).map((d: { id: number }) => d.id)).toEqual([failed.id]);

    await db.webhookDelivery.deleteMany({});
  });

  it("refuses a bad --status or --limit with exit 1", async () => {
    const status = await cli(["webhooks", "deliveries", "--status", "pending"]);
    expect(status.exitCode).toBe(1);
    expect(status.stderr.trim()).toBe("✗ --status must be failed or delivered");
    const limit = await cli(["webhooks", "deliveries", "--limit", "0"]);
    expect(limit.exitCode).toBe(1);
    expect(limit.stderr).toMatch(/--limit must be a whole number from 1 to 500/);
  });
});

describe("webhooks replay", () => {
  it("re-sends the stored payload to its endpoint, freshly signed, and records the success", async () => {
    const delivery = await makeDelivery({ endpoint: `${base}/ok`, status: "failed", statusCode: 503, attempts: 5, error: "HTTP 503", createdAt: new Date(Date.now() - 3_600_000) });
    const result = await cli(["webhooks", "replay", String(delivery.id)]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toBe(`✓ delivery ${delivery.id} replayed to ${base}/ok: HTTP 200 (attempt 6)`);

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request.path).toBe("/ok");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request.body)).toEqual(delivery.payload);
    // Verifiable with the endpoint's secret, and timestamped now (not when first sent).
    const timestamp = String(request.headers["x-ce-timestamp"]);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    const expected = createHmac("sha256", SECRET).update(`${timestamp}.${request.body}`).digest("hex");
    expect(request.headers["x-ce-signature"]).toBe(`v1=${expected}`);

    const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(row).toMatchObject({ status: "delivered", statusCode: 200, attempts: 6, error: null });
    expect(row.deliveredAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("records a failed replay (attempts + 1) and exits 2; an unsigned endpoint gets no signature", async () => {
    const delivery = await makeDelivery({ endpoint: `${base}/broken`, status: "failed", statusCode: 500, attempts: 1, error: "HTTP 500", createdAt: new Date() });
    const result = await cli(["webhooks", "replay", String(delivery.id)]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim()).toBe(`✗ delivery ${delivery.id} to ${base}/broken failed: HTTP 500 (attempt 2)`);
    expect(received.map((r) => r.path)).toEqual(["/broken"]);
    expect(received[0].headers["x-ce-signature"]).toBeUndefined();
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "failed", statusCode: 500, attempts: 2, error: "HTTP 500", deliveredAt: null });
  });

  it("keeps the SSRF guard: a loopback endpoint is refused unless private networks are allowed", async () => {
    const delivery = await makeDelivery({ endpoint: `${base}/ok`, status: "failed", attempts: 1, error: "timeout", createdAt: new Date() });
    const result = await cli(["webhooks", "replay", String(delivery.id)], { WEBHOOKS_ALLOW_PRIVATE: "0" });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/refused: 127\.0\.0\.1 resolves to a private or loopback address/);
    expect(received).toHaveLength(0);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "failed", statusCode: null, attempts: 2 });
  });

  it("unknown id: exit 3; bad id: exit 1; an endpoint no longer configured: exit 1 and nothing sent", async () => {
    const unknown = await cli(["webhooks", "replay", "999999"]);
    expect(unknown.exitCode).toBe(3);
    expect(unknown.stderr.trim()).toBe("✗ No webhook delivery 999999 (see `webhooks deliveries`)");

    const bad = await cli(["webhooks", "replay", "abc"]);
    expect(bad.exitCode).toBe(1);

    const removed = await makeDelivery({ endpoint: `${base}/removed`, status: "failed", attempts: 1, createdAt: new Date() });
    const result = await cli(["webhooks", "replay", String(removed.id)]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/is no longer a configured webhooks endpoint; nothing was sent/);
    expect(received).toHaveLength(0);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: removed.id } })).toMatchObject({ attempts: 1 });
  });
});
