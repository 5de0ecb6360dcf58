import { randomUUID } from "node:crypto";
import path from "node:path";
import { execa, type ResultPromise } from "execa";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../lib/db";
import { createOutboxBatch } from "../../lib/outbox/outbox-batch";
import { createProducerQueue, type ProducerQueue } from "../../lib/queue";
import { createMigratedTestDatabase } from "../../test/helpers/migrated-test-database";
import { follow, makeAnswer, makeQuestion, makeUser, unreadCountMismatches, waitFor } from "../../test/helpers/notify-fixtures";

const ROOT = path.resolve(import.meta.dirname, "../..");
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const PREFIX = `t-crash-${randomUUID().slice(0, 8)}`;
const QUESTIONS = 6;
const FOLLOWERS = 15;
const ANSWERS = 240;

let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
let db: Db;
let producer: ProducerQueue;
const children: ResultPromise[] = [];

/** Wrapped in an object: an async function returning the (thenable) child would wait for its exit. */
async function startWorker(): Promise<{ child: ResultPromise }> {
  const child = execa("node", ["--import", "tsx", "test/helpers/run-notifications-worker.ts"], {
    cwd: ROOT,
    env: { DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX: PREFIX, WORKER_CONCURRENCY: "4", LOG_LEVEL: "error" },
    reject: false,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    void child.then((result) => {
      clearTimeout(timer);
      reject(new Error(`worker exited early (${result.exitCode}): ${output}`));
    });
  });
  return { child };
}

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createDb({ databaseUrl: database.url, max: 8 });
  producer = createProducerQueue({ url: REDIS_URL, redisPrefix: PREFIX });
  await producer.queue.waitUntilReady();
});

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await producer?.queue.obliterate({ force: true }).catch(() => undefined);
  await producer?.close();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await db?.$disconnect();
  await database?.drop();
});

describe("worker crash", () => {
  it("a worker SIGKILLed mid-batch and restarted delivers everything exactly once", async () => {
    const asker = await makeUser(db, "crash_asker");
    const answerer = await makeUser(db, "crash_answerer");
    const questions = [];
    const expected = new Map<string, number>([[asker.id, 0]]);
    for (let q = 0; q < QUESTIONS; q++) {
      const question = await makeQuestion(db, asker.id);
      questions.push(question);
      for (let f = 0; f < FOLLOWERS; f++) {
        const user = await makeUser(db, `crash_q${q}_f${f}`);
        await follow(db, user.id, question.id);
        expected.set(user.id, 0);
      }
    }
    const outbox = createOutboxBatch({ db, producer });
    for (let i = 0; i < ANSWERS; i++) {
      await makeAnswer(db, questions[i % QUESTIONS].id, answerer.id, `answer ${i}`, outbox);
    }
    expect(await outbox.flush()).toBe(ANSWERS);

    const { child: first } = await startWorker();
    const doneAtKill = await waitFor(
      "some events processed",
      async () => {
        const done = await db.outbox.count({ where: { status: "done" } });
        return done >= 20 ? done : 0;
      },
      30_000,
      5,
    );
    first.kill("SIGKILL");
    await first;
    const doneAfterKill = await db.outbox.count({ where: { status: "done" } });
    // Jobs the dead worker held stay "active" until their lock expires and they count as stalled.
    const heldByDeadWorker = await producer.queue.getActiveCount();
    expect(heldByDeadWorker).toBeGreaterThan(0);
    expect(doneAtKill).toBeLessThan(ANSWERS);
    expect(doneAfterKill).toBeLessThan(ANSWERS);

    const { child: second } = await startWorker();
    await waitFor("every event done", async () => (await db.outbox.count({ where: { status: "done" } })) === ANSWERS, 45_000, 100);
    second.kill("SIGTERM");
    await second;

    const perEvent = 1 + FOLLOWERS;
    expect(await db.notification.count()).toBe(ANSWERS * perEvent);
    const duplicates = await db.$queryRaw<unknown[]>`
      SELECT "eventId", "userId" FROM notification GROUP BY 1, 2 HAVING count(*) > 1`;
    expect(duplicates).toEqual([]);
    expect(await unreadCountMismatches(db)).toEqual([]);
    const askerRow = await db.user.findUniqueOrThrow({ where: { id: asker.id } });
    expect(askerRow.unreadCount).toBe(ANSWERS);
    const followerCounts = await db.user.findMany({ where: { username: { startsWith: "crash_q" } }, select: { unreadCount: true } });
    expect(followerCounts.every((row) => row.unreadCount === ANSWERS / QUESTIONS)).toBe(true);
  });
});
