import { Queue, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import { getConfig } from "./config";
import { createRedis } from "./redis";

/** Every BullMQ queue the product uses. One queue carries all outbox events (job name = type). */
export const QUEUE_NAMES = { events: "events" } as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** Job options for outbox events: retried with backoff; failures are kept with their error. */
export const EVENT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: "exponential", delay: 1000 },
  removeOnComplete: 1000,
  removeOnFail: false,
} as const satisfies JobsOptions;

/** BullMQ's key prefix: under the site's REDIS_PREFIX so several sites can share a Redis. */
export function bullPrefix(redisPrefix: string): string {
  return redisPrefix ? `${redisPrefix}:bull` : "bull";
}

/**
 * Business job id for an outbox row: stable, so re-adding the same event is a no-op (dedup).
 * It includes the row's creation time as well as its id: ids restart when a database is
 * recreated or restored while Redis keeps completed jobs, and a bare `outbox-1` would then be
 * taken for an event already handled and silently skipped.
 */
export function outboxJobId(row: { id: bigint | string; createdAt: Date }): string {
  return `outbox-${row.id}-${row.createdAt.getTime()}`;
}

export type ProducerQueue = {
  queue: Queue;
  /** The fail-fast connection behind `queue`: `status === "ready"` means an add can succeed. */
  connection: Redis;
  close(): Promise<void>;
};

/**
 * A producer-side queue (web requests, CLI, the relay). Its connection never queues commands
 * while Redis is down (enableOfflineQueue: false, one retry), so `add` fails fast instead of
 * holding a request; callers also check `connection.status` before adding.
 */
export function createProducerQueue(options: { url: string; redisPrefix: string; name?: QueueName }): ProducerQueue {
  const connection = createRedis({ url: options.url, role: "producer" });
  connection.on("error", () => {
    // Expected while Redis is down: each add fails fast and the outbox relay catches up later.
  });
  const queue = new Queue(options.name ?? QUEUE_NAMES.events, {
    connection,
    prefix: bullPrefix(options.redisPrefix),
    defaultJobOptions: EVENT_JOB_OPTIONS,
  });
  queue.on("error", () => {
    // Same: connection errors are reported per call.
  });
  return {
    queue,
    connection,
    async close() {
      await queue.close().catch(() => undefined);
      connection.disconnect();
    },
  };
}

const globalForQueue = globalThis as unknown as { ceQueues?: Map<string, ProducerQueue> };

/** The process-wide producer queue for `name` (kept on globalThis so Next's dev reloads don't leak). */
export function getQueue(name: QueueName = QUEUE_NAMES.events): ProducerQueue {
  globalForQueue.ceQueues ??= new Map();
  let producer = globalForQueue.ceQueues.get(name);
  if (!producer) {
    const config = getConfig();
    producer = createProducerQueue({ url: config.REDIS_URL, redisPrefix: config.REDIS_PREFIX, name });
    globalForQueue.ceQueues.set(name, producer);
  }
  return producer;
}

/** Closes the process-wide producer queues (CLI commands call this before exiting). */
export async function closeQueues(): Promise<void> {
  const queues = [...(globalForQueue.ceQueues?.values() ?? [])];
  globalForQueue.ceQueues?.clear();
  await Promise.all(queues.map((producer) => producer.close()));
}
