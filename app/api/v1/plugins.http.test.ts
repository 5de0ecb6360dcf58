import { createServer, type Server } from "node:http";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { HttpClient } from "@/test/helpers/http-client";
import { createMigratedTestDatabase } from "@/test/helpers/migrated-test-database";
import type { TestDatabase } from "@/test/helpers/test-database";
import { startTestServer, type TestServer } from "@/test/helpers/test-server";
import { startTestWorker, type TestWorker } from "@/test/helpers/test-worker";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const BODY = "A question body that is comfortably over thirty characters long.";
const SPAM = `${BODY} https://pills.example/1 https://pills.example/2 https://pills.example/3`;

describe("plugins against a running site", () => {
  let database: TestDatabase;
  let server: TestServer;
  let worker: TestWorker;
  let db: Db;
  let receiver: Server;
  const received: Array<{ at: number; body: string }> = [];

  const cli = (...args: string[]) =>
    execa("node", ["--import", "tsx", path.join(ROOT, "cli/index.ts"), ...args], { cwd: ROOT, env: server.env, reject: false });

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    server = await startTestServer({ databaseUrl: database.url, redisPrefix: `plugins-http-${Date.now()}`, env: { WEBHOOKS_ALLOW_PRIVATE: "1" } });
    worker = await startTestWorker({ env: server.env });
    db = createDb({ databaseUrl: database.url });
    receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.push({ at: Date.now(), body });
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    receiver?.close();
    await worker?.stop();
    await server?.stop();
    await db?.$disconnect();
    await database?.drop();
  });

  it("spam-guard: `plugins enable` reaches the server within 5 s; rejected posts store nothing; shadow mode stores", async () => {
    const spammer = new HttpClient(server.url);
    await spammer.signUp({ username: "spammer" });
    const enabled = await cli("plugins", "enable", "spam-guard");
    expect(enabled.exitCode, enabled.stderr).toBe(0);
    const enabledAt = Date.now();

    let response;
    do {
      response = await spammer.post("/api/v1/questions", { title: "Best cheap pills you can buy", body: SPAM, tags: ["pills"] });
      if (response.status === 422) break;
      await db.question.deleteMany({});
      await new Promise((resolve) => setTimeout(resolve, 250));
    } while (Date.now() - enabledAt < 5000);
    expect(response.status).toBe(422);
    expect(Date.now() - enabledAt).toBeLessThan(5000);
    expect(response.json.error).toMatchObject({ code: "REJECTED_BY_PLUGIN", message: expect.stringMatching(/spam/i) });
    expect(await db.question.count()).toBe(0);

    expect((await cli("plugins", "config", "spam-guard", "--set", "shadowMode=true")).exitCode).toBe(0);
    await expect.poll(async () => (await spammer.post("/api/v1/questions", { title: "Best cheap pills you can buy", body: SPAM, tags: ["pills"] })).status, { timeout: 6000 }).toBe(201);
    expect(await db.question.count()).toBeGreaterThan(0);

    const bad = await cli("plugins", "config", "spam-guard", "--set", "threshold=-5");
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/threshold/);
    expect((await cli("plugins", "enable", "no-such-plugin")).exitCode).toBe(3);
    const list = JSON.parse((await cli("plugins", "list", "--json")).stdout) as Array<{ name: string; enabled: boolean }>;
    expect(list.find((p) => p.name === "spam-guard")?.enabled).toBe(true);
    await cli("plugins", "disable", "spam-guard");
  }, 180_000);

  it("webhooks deliver within 2 s of an answer; achievements award First Answer with a notification", async () => {
    const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
    const configured = await cli("plugins", "config", "webhooks", "--set", `endpoints=${JSON.stringify([{ url, events: ["answer.created"], format: "json", secret: "0123456789abcdef0123" }])}`);
    expect(configured.exitCode, configured.stderr).toBe(0);
    expect((await cli("plugins", "enable", "webhooks")).exitCode).toBe(0);
    expect((await cli("plugins", "enable", "achievements")).exitCode).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 5500)); // the worker's state TTL

    const asker = new HttpClient(server.url);
    const answerer = new HttpClient(server.url);
    await asker.signUp({ username: "hookasker" });
    await answerer.signUp({ username: "hookanswerer" });
    const question = await asker.post("/api/v1/questions", { title: "How do webhooks get delivered?", body: BODY, tags: ["hooks"] });
    const posted = Date.now();
    const answer = await answerer.post(`/api/v1/questions/${question.json.id}/answers`, { body: BODY });
    expect(answer.status).toBe(201);

    await expect.poll(() => received.filter((r) => r.at >= posted).length, { timeout: 5000 }).toBeGreaterThan(0);
    const delivery = received.find((r) => r.at >= posted)!;
    expect(delivery.at - posted).toBeLessThan(2000);
    expect(JSON.parse(delivery.body)).toMatchObject({ event: "answer.created" });

    await expect.poll(async () => db.badge.count({ where: { user: { username: "hookanswerer" }, badge: "First Answer" } }), { timeout: 10_000 }).toBe(1);
    expect(await db.notification.count({ where: { user: { username: "hookanswerer" }, type: "badge" } })).toBeGreaterThan(0);
    const profile = await answerer.get("/users/hookanswerer");
    expect(profile.text).toContain("First Answer");
  }, 180_000);
});
