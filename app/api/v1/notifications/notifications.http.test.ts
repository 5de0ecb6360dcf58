import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { createLogger } from "@/lib/logger";
import { deliverEventNotifications } from "@/lib/notifications/deliver-event-notifications";
import { addOutboxEvent } from "@/lib/outbox/add-outbox-event";
import { HttpClient } from "@/test/helpers/http-client";
import { createMigratedTestDatabase } from "@/test/helpers/migrated-test-database";
import { makeQuestion } from "@/test/helpers/notify-fixtures";
import { startTestServer, type TestServer } from "@/test/helpers/test-server";
import { waitFor } from "@/test/helpers/notify-fixtures";
import { createNotificationsService } from "@/worker/services/notifications";
import { QUEUE_NAMES, createProducerQueue } from "@/lib/queue";

// Needs a built server: NEXT_DIST_DIR=.next-notify npm run build:web, then run with the same NEXT_DIST_DIR.
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const PREFIX = `t-bell-${randomUUID().slice(0, 8)}`;

let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
let db: Db;
let server: TestServer;
let redis: Redis;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createDb({ databaseUrl: database.url, max: 4 });
  redis = new Redis(REDIS_URL);
  server = await startTestServer({ databaseUrl: database.url, redisPrefix: PREFIX });
});

afterAll(async () => {
  await server?.stop();
  const producer = createProducerQueue({ url: REDIS_URL, redisPrefix: PREFIX, name: QUEUE_NAMES.events });
  await producer.queue.obliterate({ force: true }).catch(() => undefined);
  await producer.close();
  if (redis) {
    const keys = await redis.keys(`${PREFIX}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
  await db?.$disconnect();
  await database?.drop();
});

/** Bob answers Alice's question: the real event, delivered as the worker would. */
async function bobAnswers(aliceId: string, bobId: string) {
  const question = await makeQuestion(db, aliceId);
  const { answer, eventId } = await db.$transaction(async (tx) => {
    const answer = await tx.answer.create({ data: { questionId: question.id, authorId: bobId, body: "try this" } });
    const eventId = await addOutboxEvent({ tx, type: "answer.created", payload: { answerId: answer.id, questionId: question.id, actorId: bobId } });
    return { answer, eventId };
  });
  await deliverEventNotifications({ db, outboxId: eventId, redis, redisPrefix: PREFIX });
  return { question, answer };
}

describe("notifications API", () => {
  it("unread-count: 401 signed out; ETag, 304 while unchanged, 200 with a new ETag after a change", async () => {
    const anonymous = new HttpClient(server.url);
    const denied = await anonymous.get("/api/v1/notifications/unread-count");
    expect(denied.status).toBe(401);
    expect(denied.json.error.code).toBe("UNAUTHENTICATED");

    const alice = new HttpClient(server.url);
    const bob = new HttpClient(server.url);
    const aliceId = await alice.signUp({ username: "bell_alice" });
    const bobId = await bob.signUp({ username: "bell_bob" });

    const first = await alice.get("/api/v1/notifications/unread-count");
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ count: 0 });
    const etag0 = first.headers.get("etag");
    expect(etag0).toMatch(/^W\/"0-[\w-]+"$/);
    const bobFirst = await bob.get("/api/v1/notifications/unread-count");
    expect(bobFirst.headers.get("etag")).not.toBe(etag0); // same count, other user: other tag

    const unchanged = await alice.get("/api/v1/notifications/unread-count", { "if-none-match": etag0! });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe("");
    expect(unchanged.headers.get("etag")).toBe(etag0);

    await bobAnswers(aliceId, bobId);
    const changed = await alice.get("/api/v1/notifications/unread-count", { "if-none-match": etag0! });
    expect(changed.status).toBe(200);
    expect(changed.json).toEqual({ count: 1 });
    const etag1 = changed.headers.get("etag");
    expect(etag1).not.toBe(etag0);
    expect((await alice.get("/api/v1/notifications/unread-count", { "if-none-match": etag1! })).status).toBe(304);
    // With Redis flushed of our keys, Postgres answers the same.
    const keys = await redis.keys(`${PREFIX}:unread:*`);
    if (keys.length) await redis.del(...keys);
    expect((await alice.get("/api/v1/notifications/unread-count", { "if-none-match": etag1! })).status).toBe(304);
  });

  it("unread-count fast path: answered from the session memo and Redis; a failed session check or a sign-out ends that at once", async () => {
    const UNREAD = "/api/v1/notifications/unread-count";
    const carol = new HttpClient(server.url);
    const carolId = await carol.signUp({ username: "memo_erin" });
    expect((await carol.get(UNREAD)).json).toEqual({ count: 0 }); // Next's route: checks the session, fills both caches
    // Proof that later polls skip Postgres: with the session row gone, the poll still answers...
    await db.session.deleteMany({ where: { userId: carolId } });
    const memoised = await carol.get(UNREAD);
    expect(memoised.status).toBe(200);
    expect(memoised.json).toEqual({ count: 0 });
    expect(memoised.headers.get("cache-control")).toBe("private, no-cache");
    // ...until any other route checks the cookie, finds no session and makes the memo forget it.
    expect((await carol.get("/api/v1/me")).json).toEqual({ user: null });
    expect((await carol.get(UNREAD)).status).toBe(401);

    const dave = new HttpClient(server.url);
    await dave.signUp({ username: "memo_frank" });
    const daveCookie = dave.cookieHeader();
    const etag = (await dave.get(UNREAD)).headers.get("etag")!;
    expect((await dave.get(UNREAD, { "if-none-match": etag })).status).toBe(304);
    expect((await dave.post("/api/auth/sign-out")).status).toBe(200);
    // The old cookie, replayed: the sign-out made the memo forget it, so Postgres says no.
    expect((await new HttpClient(server.url).get(UNREAD, { cookie: daveCookie, "if-none-match": etag })).status).toBe(401);
  });

  it("lists notifications (paginated, unread filter) and marks them read, keeping the count in step", async () => {
    const carol = new HttpClient(server.url);
    const dave = new HttpClient(server.url);
    const carolId = await carol.signUp({ username: "bell_carol" });
    const daveId = await dave.signUp({ username: "bell_dave" });
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await bobAnswers(carolId, daveId));

    const page1 = await carol.get("/api/v1/notifications?limit=2");
    expect(page1.status).toBe(200);
    expect(page1.json.items).toHaveLength(2);
    expect(page1.json.items[0]).toMatchObject({
      type: "answer",
      actor: { username: "bell_dave" },
      questionId: made[2].question.id,
      answerId: made[2].answer.id,
      questionTitle: made[2].question.title,
      read: false,
    });
    expect(typeof page1.json.items[0].id).toBe("string");
    expect(page1.json.nextCursor).toBeTruthy();
    const page2 = await carol.get(`/api/v1/notifications?limit=2&cursor=${page1.json.nextCursor}`);
    expect(page2.json.items).toHaveLength(1);
    expect(page2.json.items[0].answerId).toBe(made[0].answer.id);
    expect(page2.json.nextCursor).toBeNull();

    // The /notifications page lists them for the signed-in user and sends others to sign in.
    const html = await carol.get("/notifications");
    expect(html.status).toBe(200);
    expect(html.text).toContain('data-testid="notification-list"');
    expect(html.text).toContain(`/questions/${made[2].question.id}#answer-${made[2].answer.id}`);
    const signedOut = await new HttpClient(server.url).get("/notifications");
    expect([303, 307, 308]).toContain(signedOut.status);
    expect(signedOut.headers.get("location")).toContain("/sign-in");

    const one = await carol.post("/api/v1/notifications/read", { ids: [page1.json.items[0].id] });
    expect(one.status).toBe(200);
    expect(one.json).toEqual({ count: 2 });
    expect((await carol.get("/api/v1/notifications/unread-count")).json).toEqual({ count: 2 });
    const unread = await carol.get("/api/v1/notifications?unread=1");
    expect(unread.json.items.map((item: { id: string }) => item.id)).not.toContain(page1.json.items[0].id);
    expect(unread.json.items).toHaveLength(2);

    // Someone else's ids are ignored.
    const foreign = await dave.post("/api/v1/notifications/read", { ids: [unread.json.items[0].id] });
    expect(foreign.json).toEqual({ count: 0 });
    expect((await carol.get("/api/v1/notifications/unread-count")).json).toEqual({ count: 2 });

    const all = await carol.post("/api/v1/notifications/read", { all: true });
    expect(all.json).toEqual({ count: 0 });
    expect((await carol.get("/api/v1/notifications/unread-count")).json).toEqual({ count: 0 });
    expect((await carol.get("/api/v1/notifications?unread=1")).json.items).toEqual([]);
    const user = await db.user.findUniqueOrThrow({ where: { id: carolId } });
    expect(user.unreadCount).toBe(0);

    const bad = await carol.post("/api/v1/notifications/read", { ids: [] });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("VALIDATION_FAILED");
    expect((await carol.get("/api/v1/notifications?cursor=abc")).status).toBe(400);
  });

  it("end to end: asking, answering and accepting over HTTP notify through the worker", async () => {
    const service = createNotificationsService({
      db,
      redisUrl: REDIS_URL,
      redisPrefix: PREFIX,
      concurrency: 2,
      logger: createLogger({ name: "test", level: "silent", pretty: false }),
    });
    await service.start();
    try {
      const erin = new HttpClient(server.url);
      const frank = new HttpClient(server.url);
      const gina = new HttpClient(server.url);
      await erin.signUp({ username: "e2e_erin" });
      await frank.signUp({ username: "e2e_frank" });
      await gina.signUp({ username: "e2e_gina" });
      const count = async (client: HttpClient) => (await client.get("/api/v1/notifications/unread-count")).json.count as number;

      const question = await erin.post("/api/v1/questions", {
        title: "How do I notify @e2e_gina about this?",
        body: "Asking @e2e_gina, who knows queues well.",
        tags: ["queues"],
      });
      expect(question.status).toBe(201);
      await waitFor("gina mentioned", async () => (await count(gina)) === 1);

      const answer = await frank.post(`/api/v1/questions/${question.json.id}/answers`, { body: "Use an outbox, see `@e2e_gina` docs." });
      expect(answer.status).toBe(201);
      await waitFor("erin told of the answer", async () => (await count(erin)) === 1);

      const accepted = await erin.post(`/api/v1/answers/${answer.json.id}/accept`);
      expect(accepted.status).toBe(200);
      await waitFor("frank told of the accept", async () => (await count(frank)) === 1);

      const frankItems = (await frank.get("/api/v1/notifications")).json.items;
      expect(frankItems).toMatchObject([{ type: "accepted", actor: { username: "e2e_erin" }, answerId: answer.json.id }]);
      const erinItems = (await erin.get("/api/v1/notifications")).json.items;
      expect(erinItems).toMatchObject([{ type: "answer", actor: { username: "e2e_frank" }, questionId: question.json.id }]);
      // The mention inside code in the answer did not notify gina a second time.
      expect(await count(gina)).toBe(1);
    } finally {
      await service.stop();
    }
  });
});
