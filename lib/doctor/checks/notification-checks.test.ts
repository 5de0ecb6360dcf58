import { randomUUID } from "node:crypto";
import { UnrecoverableError, Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db";
import { bullPrefix, createProducerQueue, QUEUE_NAMES, type ProducerQueue } from "../../queue";
import { createMigratedTestDatabase, MIGRATIONS_DIR } from "../../../test/helpers/migrated-test-database";
import { waitFor } from "../../../test/helpers/notify-fixtures";
import { createDoctorContext, type DoctorContext } from "../doctor-context";
import { failedJobsCheck } from "./failed-jobs-check";
import { outboxAgeCheck } from "./outbox-age-check";
import { queueDepthCheck } from "./queue-depth-check";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const PREFIX = `t-doctor-${randomUUID().slice(0, 8)}`;

let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
let db: Db;
let producer: ProducerQueue;
let context: DoctorContext;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createDb({ databaseUrl: database.url, max: 2 });
  producer = createProducerQueue({ url: REDIS_URL, redisPrefix: PREFIX });
  await producer.queue.waitUntilReady();
  context = createDoctorContext({
    env: { DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX: PREFIX },
    migrationsDir: MIGRATIONS_DIR,
  });
});

afterAll(async () => {
  await context?.close();
  await producer?.queue.obliterate({ force: true }).catch(() => undefined);
  await producer?.close();
  await db?.$disconnect();
  await database?.drop();
});

describe("doctor: notification pipeline checks", () => {
  it("all good on an idle pipeline", async () => {
    expect(await queueDepthCheck.run(context)).toEqual({ ok: true, detail: "0 queued (0 waiting, 0 delayed for retry), 0 running" });
    expect(await failedJobsCheck.run(context)).toEqual({ ok: true, detail: "none" });
    expect(await outboxAgeCheck.run(context)).toEqual({ ok: true, detail: "no event waiting" });
  });

  it("reports the queue depth, and the latest failed job with its error", async () => {
    await producer.queue.addBulk([1, 2, 3].map((i) => ({ name: "answer.created", data: { outboxId: String(i) }, opts: { jobId: `doc-${i}` } })));
    const depth = await queueDepthCheck.run(context);
    expect(depth).toEqual({ ok: true, detail: "3 queued (3 waiting, 0 delayed for retry), 0 running" });

    const worker = new Worker(
      QUEUE_NAMES.events,
      async (job) => {
        if (job.id === "doc-2") throw new UnrecoverableError("payload is not an event");
      },
      { connection: { url: REDIS_URL, maxRetriesPerRequest: null }, prefix: bullPrefix(PREFIX) },
    );
    try {
      await waitFor("queue drained", async () => (await producer.queue.getJobCounts("wait")).wait === 0);
      await waitFor("failure recorded", async () => (await producer.queue.getFailedCount()) === 1);
    } finally {
      await worker.close();
    }
    const failed = await failedJobsCheck.run(context);
    expect(failed.ok).toBe(false);
    expect(failed.detail).toMatch(/^1 kept; latest doc-2 \(answer\.created\) at \d{4}-.*: payload is not an event$/);
  });

  it("flags an outbox event left unprocessed for more than a minute", async () => {
    await db.outbox.create({ data: { type: "answer.created", payload: {} } });
    const fresh = await outboxAgeCheck.run(context);
    expect(fresh.ok).toBe(true);
    expect(fresh.detail).toMatch(/^oldest unprocessed event is \d+ s old$/);

    await db.outbox.create({ data: { type: "answer.created", payload: {}, createdAt: new Date(Date.now() - 5 * 60_000) } });
    const stale = await outboxAgeCheck.run(context);
    expect(stale.ok).toBe(false);
    expect(stale.detail).toMatch(/^oldest unprocessed event is 30\d s old \(is a worker running/);

    await db.outbox.updateMany({ data: { status: "done" } });
    expect((await outboxAgeCheck.run(context)).ok).toBe(true);
  });
});
