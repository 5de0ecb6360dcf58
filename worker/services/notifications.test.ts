import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../lib/db";
import { createLogger } from "../../lib/logger";
import { deliverEventNotifications } from "../../lib/notifications/deliver-event-notifications";
import { readUnreadCount } from "../../lib/notifications/read-unread-count";
import { createOutboxBatch } from "../../lib/outbox/outbox-batch";
import { createProducerQueue, outboxJobId, type ProducerQueue } from "../../lib/queue";
import { freePort } from "../../test/helpers/test-server";
import { createMigratedTestDatabase } from "../../test/helpers/migrated-test-database";
import {
  follow,
  makeAnswer,
  makeQuestion,
  makeUser,
  unreadCountMismatches,
  waitFor,
} from "../../test/helpers/notify-fixtures";
import { createNotificationsService, type NotificationsService } from "./notifications";
import { createOutboxRelayService } from "./outbox-relay";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const PREFIX = `t-notify-${randomUUID().slice(0, 8)}`;
const logger = createLogger({ name: "test", level: "silent", pretty: false });

let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
let db: Db;
let producer: ProducerQueue;
let service: NotificationsService;
let redis: Redis;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createDb({ databaseUrl: database.url, max: 8 });
  producer = createProducerQueue({ url: REDIS_URL, redisPrefix: PREFIX });
  await producer.queue.waitUntilReady();
  redis = new Redis(REDIS_URL);
  service = createNotificationsService({ db, redisUrl: REDIS_URL, redisPrefix: PREFIX, concurrency: 4, logger });
  await service.start();
});

afterAll(async () => {
  await service?.stop();
  await producer?.queue.obliterate({ force: true }).catch(() => undefined);
  await producer?.close();
  if (redis) {
    const keys = await redis.keys(`${PREFIX}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
  await db?.$disconnect();
  await database?.drop();
});

async function outboxStatus(id: bigint) {
  return (await db.outbox.findUniqueOrThrow({ where: { id } })).status;
}

describe("notification pipeline", () => {
  it("delivers an answer's notifications through outbox → queue → worker, and the bell sees them", async () => {
    const asker = await makeUser(db, "np_asker");
    const answerer = await makeUser(db, "np_answerer");
    const fans = await Promise.all([1, 2, 3].map((i) => makeUser(db, `np_fan${i}`)));
    const question = await makeQuestion(db, asker.id);
    for (const fan of fans) await follow(db, fan.id, question.id);
    // Prime the cached count, so the test proves the worker invalidates it.
    expect(await readUnreadCount({ db, redis, userId: asker.id, redisPrefix: PREFIX })).toEqual({ count: 0, source: "db" });
    expect((await readUnreadCount({ db, redis, userId: asker.id, redisPrefix: PREFIX })).source).toBe("redis");

    const outbox = createOutboxBatch({ db, producer });
    const answer = await makeAnswer(db, question.id, answerer.id, "hello", outbox);
    expect(await outbox.flush()).toBe(1);
    const row = await db.outbox.findFirstOrThrow({ where: { type: "answer.created" }, orderBy: { id: "desc" } });
    await waitFor("outbox row done", async () => (await outboxStatus(row.id)) === "done");

    const notifications = await db.notification.findMany({ where: { eventId: row.id } });
    expect(notifications).toHaveLength(4);
    expect(notifications.every((n) => n.actorId === answerer.id && n.answerId === answer.id && n.questionId === question.id)).toBe(true);
    expect(await readUnreadCount({ db, redis, userId: asker.id, redisPrefix: PREFIX })).toEqual({ count: 1, source: "db" });
    expect(await readUnreadCount({ db, redis, userId: asker.id, redisPrefix: PREFIX })).toEqual({ count: 1, source: "redis" });
    expect(await unreadCountMismatches(db)).toEqual([]);
  });

  it("processing the same event twice, or concurrently, creates no duplicates and counts once", async () => {
    const asker = await makeUser(db, "np_dup_asker");
    const answerer = await makeUser(db, "np_dup_ans");
    const fan = await makeUser(db, "np_dup_fan");
    const question = await makeQuestion(db, asker.id);
    await follow(db, fan.id, question.id);
    const outbox = createOutboxBatch({ db, producer });
    await makeAnswer(db, question.id, answerer.id, "dup", outbox);
    const row = await db.outbox.findFirstOrThrow({ where: { type: "answer.created" }, orderBy: { id: "desc" } });

    // Three deliveries at once (as if three workers got the job), then the queue's own run.
    const results = await Promise.all([1, 2, 3].map(() => deliverEventNotifications({ db, outboxId: row.id })));
    expect(results.reduce((sum, r) => sum + (r.status === "delivered" ? r.inserted.length : 0), 0)).toBe(2);
    // A redelivery that does not know the row is done (status reset) inserts nothing either.
    await db.outbox.update({ where: { id: row.id }, data: { status: "enqueued" } });
    const again = await deliverEventNotifications({ db, outboxId: row.id });
    expect(again.status === "delivered" && again.inserted).toEqual([]);
    // And the real job, added after the fact with the same job id.
    await outbox.flush();
    await producer.queue.add("answer.created", { outboxId: String(row.id) }, { jobId: outboxJobId(row) });
    await waitFor("job completed", async () => (await producer.queue.getJob(outboxJobId(row)))?.finishedOn);

    expect(await db.notification.count({ where: { eventId: row.id } })).toBe(2);
    const users = await db.user.findMany({ where: { id: { in: [asker.id, fan.id] } }, select: { unreadCount: true } });
    expect(users.map((u) => u.unreadCount)).toEqual([1, 1]);
    expect(await unreadCountMismatches(db)).toEqual([]);
  });

  it("a job with an invalid payload fails at once and keeps its error", async () => {
    const job = await producer.queue.add("answer.created", { nope: true }, { jobId: "poison-data", attempts: 8, removeOnFail: false });
    await waitFor("poison job failed", async () => (await job.getState()) === "failed");
    const failed = await producer.queue.getJob("poison-data");
    expect(failed?.failedReason).toMatch(/invalid job payload/);
    expect(failed?.attemptsMade).toBe(1);

    // An outbox row whose payload does not match its type: failed, not retried, row marked.
    const bad = await db.outbox.create({ data: { type: "answer.created", payload: { answerId: "seven" } } });
    await producer.queue.add("answer.created", { outboxId: String(bad.id) }, { jobId: outboxJobId(bad), attempts: 8 });
    await waitFor("bad event failed", async () => (await outboxStatus(bad.id)) === "failed");
    const badJob = await producer.queue.getJob(outboxJobId(bad));
    await waitFor("bad job failed", async () => (await badJob?.getState()) === "failed");
    expect((await producer.queue.getJob(outboxJobId(bad)))?.failedReason).toMatch(/answerId/);
    expect((await db.outbox.findUniqueOrThrow({ where: { id: bad.id } })).error).toMatch(/invalid/);
  });

  it("Redis unreachable at write time: the write is fast, the row stays pending, the relay delivers later", async () => {
    const asker = await makeUser(db, "np_down_asker");
    const answerer = await makeUser(db, "np_down_ans");
    const question = await makeQuestion(db, asker.id);
    const deadProducer = createProducerQueue({ url: `redis://127.0.0.1:${await freePort()}`, redisPrefix: PREFIX });
    try {
      const started = performance.now();
      const outbox = createOutboxBatch({ db, producer: deadProducer });
      await makeAnswer(db, question.id, answerer.id, "while redis is down", outbox);
      expect(await outbox.flush()).toBe(0);
      expect(performance.now() - started).toBeLessThan(500);
    } finally {
      await deadProducer.close();
    }
    const row = await db.outbox.findFirstOrThrow({ where: { type: "answer.created" }, orderBy: { id: "desc" } });
    expect(row.status).toBe("pending");

    const relay = createOutboxRelayService({ db, redisUrl: REDIS_URL, redisPrefix: PREFIX, logger, intervalMs: 500 });
    const started = Date.now();
    await relay.start();
    try {
      await waitFor("relayed event delivered", async () => (await outboxStatus(row.id)) === "done", 10_000);
    } finally {
      await relay.stop();
    }
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await db.notification.count({ where: { eventId: row.id, userId: asker.id, type: "answer" } })).toBe(1);
  });

  it("relays cooperate: a stale row is claimed by one relay only, re-added under the same job id", async () => {
    const asker = await makeUser(db, "np_relay_asker");
    const answerer = await makeUser(db, "np_relay_ans");
    const question = await makeQuestion(db, asker.id);
    const outbox = createOutboxBatch({ db, producer });
    await makeAnswer(db, question.id, answerer.id, "relay", outbox);
    const row = await db.outbox.findFirstOrThrow({ where: { type: "answer.created" }, orderBy: { id: "desc" } });
    expect(await outbox.flush()).toBe(1);
    await waitFor("delivered", async () => (await outboxStatus(row.id)) === "done");
    // As if the job was lost (Redis flushed) before it ran: enqueued long ago, never done.
    await (await producer.queue.getJob(outboxJobId(row)))?.remove();
    await db.notification.deleteMany({ where: { eventId: row.id } });
    await db.user.update({ where: { id: asker.id }, data: { unreadCount: 0 } });
    await db.outbox.update({ where: { id: row.id }, data: { status: "enqueued", enqueuedAt: new Date(Date.now() - 120_000) } });

    const relayA = createOutboxRelayService({ db, redisUrl: REDIS_URL, redisPrefix: PREFIX, logger, intervalMs: 60_000 });
    const relayB = createOutboxRelayService({ db, redisUrl: REDIS_URL, redisPrefix: PREFIX, logger, intervalMs: 60_000 });
    await Promise.all([relayA.start(), relayB.start()]);
    try {
      const counts = await Promise.all([relayA.runOnce(), relayB.runOnce(), relayA.runOnce()]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    } finally {
      await Promise.all([relayA.stop(), relayB.stop()]);
    }
    await waitFor("re-delivered", async () => (await outboxStatus(row.id)) === "done");
    expect(await db.notification.count({ where: { eventId: row.id } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: asker.id } })).unreadCount).toBe(1);
    // Re-adding an event whose job still exists is a no-op (same job id).
    const again = await producer.queue.add("answer.created", { outboxId: String(row.id) }, { jobId: outboxJobId(row) });
    expect(await again.getState()).toBe("completed");
  });

  it("afterEvent sees the event's notifications, and again (same ids) when a failed fan-out is retried", async () => {
    await service.stop();
    const calls: Array<{ type: string; ids: string[] }> = [];
    const hooked = createNotificationsService({
      db,
      redisUrl: REDIS_URL,
      redisPrefix: PREFIX,
      concurrency: 2,
      logger,
      afterEvent: async ({ event, notifications }) => {
        calls.push({ type: event.type, ids: notifications.map((n) => String(n.id)).sort() });
        if (calls.length === 1) throw new Error("plugin queue unavailable");
      },
    });
    await hooked.start();
    try {
      const asker = await makeUser(db, "np_hook_asker");
      const answerer = await makeUser(db, "np_hook_ans");
      const fan = await makeUser(db, "np_hook_fan");
      const question = await makeQuestion(db, asker.id);
      await follow(db, fan.id, question.id);
      const outbox = createOutboxBatch({ db, producer });
      await makeAnswer(db, question.id, answerer.id, "hooked", outbox);
      await outbox.flush();
      await waitFor("retried fan-out", async () => calls.length >= 2, 15_000);
      expect(calls[0].type).toBe("answer.created");
      expect(calls[0].ids).toHaveLength(2);
      expect(calls[1]).toEqual(calls[0]);
    } finally {
      await hooked.stop();
      await service.start();
    }
  });
});
