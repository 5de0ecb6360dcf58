import { createServer, type Server } from "node:http";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db";
import { createLogger } from "../logger";
import { createRedis } from "../redis";
import { createTestUser, LONG_BODY } from "../../test/helpers/fixtures";
import { createMigratedTestDatabase } from "../../test/helpers/migrated-test-database";
import type { TestDatabase } from "../../test/helpers/test-database";
import { configurePlugin } from "./configure-plugin";
import { createPluginHost, type PluginHost } from "./plugin-host";
import { validatePlugin } from "./validate-plugin";
import { awardBadge } from "../../plugins/achievements/award-badge";
import { assertPublicUrl } from "../../plugins/webhooks/ssrf-guard";
import { z } from "zod";

let database: TestDatabase;
let db: Db;
const redis = createRedis({ url: "redis://127.0.0.1:6379", role: "producer" });
const redisPrefix = `plugins-test-${Date.now()}`;
let pluginsDir: string;
let logLines: string[] = [];
const logger = createLogger({ name: "plugins", pretty: false, level: "info" });
logger.info = ((...args: unknown[]) => void logLines.push(JSON.stringify(args))) as typeof logger.info;
logger.warn = ((...args: unknown[]) => void logLines.push(JSON.stringify(args))) as typeof logger.warn;
logger.child = (() => logger) as unknown as typeof logger.child;

function host(): PluginHost {
  return createPluginHost({ db, logger, redis, redisPrefix, packages: [], pluginsDir: "plugins", cwd: pluginsDir, allowPrivateNetwork: false });
}
async function set(h: PluginHost, name: string, options: { enabled?: boolean; set?: string[] }) {
  const { plugins } = await h.load();
  await configurePlugin({ db, redis, redisPrefix, plugins, name, ...options });
  h.invalidate();
}

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createDb({ databaseUrl: database.url, max: 20 });
  pluginsDir = mkdtempSync(path.join(tmpdir(), "ce-plugins-"));
  const folder = (name: string, source: string) => {
    mkdirSync(path.join(pluginsDir, "plugins", name), { recursive: true });
    writeFileSync(path.join(pluginsDir, "plugins", name, "index.mjs"), source);
  };
  const zodUrl = new URL(import.meta.resolve("zod")).href;
  folder("thrower", `import { z } from ${JSON.stringify(zodUrl)};
    export default { name: "thrower", version: "1.0.0", engines: ">=0.1.0", configSchema: z.object({}),
      hooks: { filters: { "question.beforeCreate": { run() { throw new Error("boom"); } } } } };`);
  folder("too-new", `import { z } from ${JSON.stringify(zodUrl)};
    export default { name: "too-new", version: "1.0.0", engines: ">=9.0.0", configSchema: z.object({}), hooks: {} };`);
  folder("uppercase", `import { z } from ${JSON.stringify(zodUrl)};
    export default { name: "uppercase", version: "1.0.0", engines: "*", configSchema: z.object({}),
      hooks: { filters: { "question.beforeCreate": { priority: 1, run: (p) => ({ ...p, title: p.title.toUpperCase() }) } } } };`);
});
afterAll(async () => {
  redis.disconnect();
  await db?.$disconnect();
  await database?.drop();
});

const question = async (createdDaysAgo = 0) => {
  const actor = await createTestUser(db);
  const user = await db.user.update({ where: { id: actor.id }, data: { createdAt: new Date(Date.now() - createdDaysAgo * 86_400_000) } });
  return { title: "Cheap pills buy now at my shop", body: `${LONG_BODY} https://spam.example/a https://spam.example/b https://spam.example/c`, tags: ["spam"], author: { ...actor, createdAt: user.createdAt, reputation: 1 } };
};

describe("plugin loading", () => {
  it("refuses an engines mismatch with a clear message and lists the rest", async () => {
    const list = await host().list();
    const refused = list.find((p) => p.name === "too-new");
    expect(refused).toMatchObject({ source: "refused", enabled: false });
    expect(refused?.disabledReason).toMatch(/requires Community Engine >=9\.0\.0/);
    expect(list.map((p) => p.name)).toEqual(expect.arrayContaining(["spam-guard", "webhooks", "achievements", "thrower", "uppercase"]));
    expect(validatePlugin({ name: "x", version: "1.0.0", engines: "*", configSchema: z.object({}), hooks: { filters: { "nope.hook": {} } } })).toMatchObject({ ok: false, reason: expect.stringMatching(/unknown filter hook/) });
  });
});

describe("spam-guard", () => {
  it("rejects a link-stuffed post from a new account; shadow mode only logs", async () => {
    const h = host();
    await set(h, "spam-guard", { enabled: true });
    await expect(h.runFilter("question.beforeCreate", await question())).rejects.toMatchObject({ code: "REJECTED_BY_PLUGIN", message: expect.stringMatching(/link/) });
    // an old account's links are fine
    await expect(h.runFilter("question.beforeCreate", await question(30))).resolves.toBeTruthy();
    await set(h, "spam-guard", { set: ["shadowMode=true"] });
    logLines = [];
    await expect(h.runFilter("question.beforeCreate", await question())).resolves.toBeTruthy();
    expect(logLines.join("\n")).toMatch(/would reject/);
    await set(h, "spam-guard", { enabled: false, set: ["shadowMode=false"] });
  });

  it("classifier timeout follows fail-open / fail-closed", async () => {
    const slow: Server = createServer(() => {});
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(slow.address() as { port: number }).port}/classify`;
    try {
      const h = host();
      const clean = { ...(await question(30)), body: LONG_BODY, title: "A perfectly normal question" };
      await set(h, "spam-guard", { enabled: true, set: [`classifierUrl=${url}`, "classifierTimeoutMs=200", "classifierFailMode=open"] });
      await expect(h.runFilter("question.beforeCreate", clean)).resolves.toBeTruthy();
      await set(h, "spam-guard", { set: ["classifierFailMode=closed"] });
      await expect(h.runFilter("question.beforeCreate", clean)).rejects.toMatchObject({ code: "REJECTED_BY_PLUGIN", message: expect.stringMatching(/unavailable/) });
    } finally {
      slow.closeAllConnections();
      slow.close();
      await set(host(), "spam-guard", { enabled: false });
    }
  });
});

describe("bus behaviour", () => {
  it("filters run in priority order and may transform", async () => {
    const h = host();
    await set(h, "uppercase", { enabled: true });
    const result = await h.runFilter("question.beforeCreate", { ...(await question(30)), title: "make me loud please now" });
    expect(result.title).toBe("MAKE ME LOUD PLEASE NOW");
    await set(h, "uppercase", { enabled: false });
  });

  it("a throwing plugin is skipped (posting goes on) and auto-disabled after repeated errors", async () => {
    const h = host();
    await set(h, "thrower", { enabled: true });
    for (let i = 0; i < 5; i++) await expect(h.runFilter("question.beforeCreate", await question(30))).resolves.toBeTruthy();
    h.invalidate();
    const state = (await h.list()).find((p) => p.name === "thrower");
    expect(state).toMatchObject({ enabled: false, healthy: false });
    expect(state?.disabledReason).toMatch(/auto-disabled after 5 errors/);
  });
});

describe("webhooks", () => {
  it("refuses loopback and private targets unless allowed (SSRF guard)", async () => {
    await expect(assertPublicUrl("http://127.0.0.1:9/x", false)).rejects.toThrow(/private or loopback/);
    await expect(assertPublicUrl("http://10.1.2.3/x", false)).rejects.toThrow(/private or loopback/);
    await expect(assertPublicUrl("http://[::1]/x", false)).rejects.toThrow(/private or loopback/);
    await expect(assertPublicUrl("http://127.0.0.1:9/x", true)).resolves.toBeUndefined();
  });

  it("delivers a signed JSON body, retries after a 500, and logs deliveries", async () => {
    const received: Array<{ body: string; headers: Record<string, string | string[] | undefined> }> = [];
    let failNext = true;
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.push({ body, headers: req.headers });
        res.statusCode = failNext ? 500 : 200;
        failNext = false;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
    const secret = "a-very-secret-webhook-key";
    try {
      const h = host();
      await set(h, "webhooks", { enabled: true, set: [`endpoints=${JSON.stringify([{ url, events: ["answer.created"], format: "json", secret }])}`, "allowPrivateNetwork=true"] });
      const asker = await createTestUser(db);
      const q = await db.question.create({ data: { title: "Webhook target question", body: LONG_BODY, authorId: asker.id } });
      const payload = { answerId: 1, questionId: q.id, actorId: asker.id, eventId: "4242" };
      await expect(h.runAction("webhooks", "answer.created", payload)).rejects.toThrow(/HTTP 500/);
      await expect(h.runAction("webhooks", "answer.created", payload)).resolves.toBe("done");
      expect(received).toHaveLength(2);
      const last = received[1];
      const expected = createHmac("sha256", secret).update(`${last.headers["x-ce-timestamp"]}.${last.body}`).digest("hex");
      expect(last.headers["x-ce-signature"]).toBe(`v1=${expected}`);
      expect(JSON.parse(last.body)).toMatchObject({ event: "answer.created", eventId: "4242" });
      const log = await db.webhookDelivery.findMany({ where: { eventId: "4242" } });
      expect(log).toEqual([expect.objectContaining({ status: "delivered", statusCode: 200, attempts: 2 })]);
      await set(h, "webhooks", { enabled: false });
    } finally {
      receiver.close();
    }
  });
});

describe("achievements", () => {
  it("awards a badge exactly once under concurrent triggers, with one notification", async () => {
    const user = await createTestUser(db);
    const results = await Promise.all(Array.from({ length: 10 }, () => awardBadge({ db, userId: user.id, badge: "First Answer" })));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db.badge.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.notification.count({ where: { userId: user.id, type: "badge" } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).unreadCount).toBe(1);
  });

  it("the First Answer rule fires through the action hook", async () => {
    const h = host();
    await set(h, "achievements", { enabled: true });
    const answerer = await createTestUser(db);
    await h.runAction("achievements", "answer.created", { answerId: 1, questionId: 1, actorId: answerer.id, eventId: "77" });
    expect(await db.badge.findMany({ where: { userId: answerer.id }, select: { badge: true } })).toEqual([{ badge: "First Answer" }]);
    await set(h, "achievements", { enabled: false });
  });
});
