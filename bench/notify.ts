/**
 * Notification pipeline benchmark: `npm run bench:notify [-- --k 200 --f 10 --http auto|on|off]`.
 *
 * Creates its own migrated database and Redis prefix, runs the notifications worker in this
 * process, posts K answers (each on its own question, asked by its own user, with a shared pool
 * of F users following every question) through the real write path (answer + outbox row in one
 * transaction, then the after-commit enqueue), and times each answer from its commit until its
 * asker's unread count shows it. With a built server (.next/standalone or NEXT_DIST_DIR) the
 * count is read over HTTP (GET /api/v1/notifications/unread-count, as the bell does); otherwise
 * with the same read function in-process. Prints JSON and writes bench/results/notify.json.
 */
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { createDb, type Db } from "../lib/db";
import { createLogger } from "../lib/logger";
import { readUnreadCount } from "../lib/notifications/read-unread-count";
import { createOutboxBatch } from "../lib/outbox/outbox-batch";
import { createProducerQueue } from "../lib/queue";
import { createNotificationsService } from "../worker/services/notifications";
import { createMigratedTestDatabase } from "../test/helpers/migrated-test-database";
import { startTestServer, TEST_AUTH_SECRET, type TestServer } from "../test/helpers/test-server";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: {
    k: { type: "string", default: process.env.BENCH_K ?? "200" },
    f: { type: "string", default: process.env.BENCH_F ?? "10" },
    http: { type: "string", default: process.env.BENCH_HTTP ?? "auto" },
    posters: { type: "string", default: "8" },
    /**
     * Answers per second. Latency is measured at a steady rate the pipeline can sustain (the
     * default, 20/s = 200 notifications/s); `--rate 0` posts as fast as the posters go (a burst)
     * and measures throughput, where latency is mostly queueing.
     */
    rate: { type: "string", default: process.env.BENCH_RATE ?? "20" },
    concurrency: { type: "string", default: process.env.WORKER_CONCURRENCY ?? "10" },
  },
});
const K = Number(args.k);
const F = Number(args.f);
const POSTERS = Number(args.posters);
const RATE = Number(args.rate);
const CONCURRENCY = Number(args.concurrency);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const PREFIX = `bench-notify-${randomUUID().slice(0, 8)}`;
const serverBuilt = existsSync(path.join(ROOT, process.env.NEXT_DIST_DIR ?? ".next", "standalone", "server.js"));
const useHttp = args.http === "on" || (args.http === "auto" && serverBuilt);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index] * 10) / 10;
}

async function inParallel<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

/** A session row plus the signed cookie Better-Auth would have set (cheaper than K sign-ups). */
async function sessionCookie(db: Db, userId: string): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await db.session.create({
    data: { id: randomUUID(), token, userId, expiresAt: new Date(Date.now() + 3_600_000) },
  });
  const signature = createHmac("sha256", TEST_AUTH_SECRET).update(token).digest("base64");
  return `ce.session_token=${encodeURIComponent(`${token}.${signature}`)}`;
}

async function main() {
  const database = await createMigratedTestDatabase();
  const db = createDb({ databaseUrl: database.url, max: 20 });
  const redis = new Redis(REDIS_URL);
  const producer = createProducerQueue({ url: REDIS_URL, redisPrefix: PREFIX });
  await producer.queue.waitUntilReady();
  const logger = createLogger({ name: "bench", level: "warn", pretty: false });
  let server: TestServer | undefined;
  const service = createNotificationsService({ db, redisUrl: REDIS_URL, redisPrefix: PREFIX, concurrency: CONCURRENCY, logger });
  try {
    if (useHttp) server = await startTestServer({ databaseUrl: database.url, redisPrefix: PREFIX });

    // ---- data: F followers of every question; K askers, K questions; one answerer ----
    const mkUser = (name: string) =>
      db.user.create({ data: { id: randomUUID(), name, email: `${name}@bench.test`, username: name }, select: { id: true } });
    const answerer = await mkUser("bench_answerer");
    const followers = await Promise.all(Array.from({ length: F }, (_, i) => mkUser(`bench_f${i}`)));
    const posts: Array<{ askerId: string; questionId: number; cookie?: string; commitAt?: number; seenAt?: number }> = [];
    for (let i = 0; i < K; i++) {
      const asker = await mkUser(`bench_a${i}`);
      const question = await db.question.create({ data: { title: `Bench question ${i}`, body: "body", authorId: asker.id } });
      if (F > 0) await db.follow.createMany({ data: followers.map((f) => ({ userId: f.id, questionId: question.id })) });
      posts.push({ askerId: asker.id, questionId: question.id, cookie: server ? await sessionCookie(db, asker.id) : undefined });
    }

    async function visible(post: (typeof posts)[number]): Promise<boolean> {
      if (server) {
        const response = await fetch(`${server.url}/api/v1/notifications/unread-count`, { headers: { cookie: post.cookie ?? "" } });
        return ((await response.json()) as { count: number }).count >= 1;
      }
      return (await readUnreadCount({ db, redis, userId: post.askerId, redisPrefix: PREFIX })).count >= 1;
    }
    // Warm up: connections, the server's routes, the cache (every count is 0 and cached now).
    await inParallel(posts, 16, async (post) => void (await visible(post)));

    await service.start();
    await service.worker?.waitUntilReady();

    // ---- run: posters write answers; a poller watches every asker's count ----
    let unseen = new Set(posts);
    let posting = true;
    const poller = (async () => {
      while (posting || unseen.size > 0) {
        const batch = [...unseen].filter((post) => post.commitAt !== undefined);
        await inParallel(batch, 32, async (post) => {
          if (await visible(post)) {
            post.seenAt = performance.now();
            unseen.delete(post);
          }
        });
        if (batch.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const started = performance.now();
    await inParallel(posts, POSTERS, async (post) => {
      if (RATE > 0) {
        const due = started + (posts.indexOf(post) * 1000) / RATE;
        if (due > performance.now()) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
      }
      const outbox = createOutboxBatch({ db, producer });
      await db.$transaction(async (tx) => {
        const answer = await tx.answer.create({ data: { questionId: post.questionId, authorId: answerer.id, body: "bench answer" } });
        await outbox.add(tx, "answer.created", { answerId: answer.id, questionId: post.questionId, actorId: answerer.id });
      });
      post.commitAt = performance.now();
      void outbox.flush();
    });
    posting = false;
    const postSeconds = (performance.now() - started) / 1000;
    const timeout = setTimeout(() => {
      console.error(`timed out with ${unseen.size} answers not yet visible`);
      unseen = new Set();
    }, 120_000);
    await poller;
    clearTimeout(timeout);
    const finished = performance.now();

    const latencies = posts
      .filter((post) => post.seenAt !== undefined && post.commitAt !== undefined)
      .map((post) => (post.seenAt as number) - (post.commitAt as number))
      .sort((a, b) => a - b);
    const notificationRows = await db.notification.count();
    // Where the time goes: waiting in the queue vs. running the job (BullMQ's own timestamps).
    const jobs = await producer.queue.getJobs(["completed"], 0, K);
    const waits = jobs.map((job) => (job.processedOn ?? 0) - job.timestamp).sort((a, b) => a - b);
    const runs = jobs.map((job) => (job.finishedOn ?? 0) - (job.processedOn ?? 0)).sort((a, b) => a - b);
    const pipelineSeconds = (finished - started) / 1000;

    // ---- baseline: the same rows inserted bare, with the worker's parallelism: one multi-row
    // INSERT per event, no queue, no recipient lookup, no counters, no cache ----
    const baselineEvents = Array.from({ length: K }, (_, i) => BigInt(1_000_000_000 + i));
    const recipients = [posts[0].askerId, ...followers.map((f) => f.id)];
    const baselineStarted = performance.now();
    await inParallel(baselineEvents, CONCURRENCY, async (eventId) => {
      await db.$executeRaw`
        INSERT INTO notification ("userId", type, "eventId")
        SELECT u, 'followed_activity', ${eventId} FROM unnest(${recipients}::text[]) AS u`;
    });
    const bareInsertRowsPerSec = Math.round((K * recipients.length) / ((performance.now() - baselineStarted) / 1000));

    const throughputPerSec = Math.round((K / pipelineSeconds) * 10) / 10;
    const notificationsPerSec = Math.round(notificationRows / pipelineSeconds);
    const result = {
      k: K,
      f: F,
      mode: server ? "http" : "in-process",
      workerConcurrency: CONCURRENCY,
      posters: POSTERS,
      rate: RATE > 0 ? RATE : "burst",
      postSeconds: Math.round(postSeconds * 100) / 100,
      delivered: latencies.length,
      notificationRows,
      latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: percentile(latencies, 100) },
      jobMs: {
        queueWaitP50: percentile(waits, 50),
        queueWaitP95: percentile(waits, 95),
        runP50: percentile(runs, 50),
        runP95: percentile(runs, 95),
      },
      throughputPerSec,
      notificationsPerSec,
      baseline: { bareInsertRowsPerSec },
      ratio: Math.round((notificationsPerSec / bareInsertRowsPerSec) * 1000) / 1000,
      at: new Date().toISOString(),
    };
    console.log(JSON.stringify(result, null, 2));
    mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
    writeFileSync(path.join(ROOT, "bench", "results", "notify.json"), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await service.stop().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await producer.queue.obliterate({ force: true }).catch(() => undefined);
    await producer.close();
    const keys = await redis.keys(`${PREFIX}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await db.$disconnect();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
