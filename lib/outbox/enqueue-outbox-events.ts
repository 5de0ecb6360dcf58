import type { Db } from "../db";
import { getDb } from "../db";
import type { Logger } from "../logger";
import { EVENT_JOB_OPTIONS, getQueue, outboxJobId, type ProducerQueue } from "../queue";

type OutboxRowRef = { id: bigint; type: string; createdAt: Date };

export type EnqueueOutboxEventsOptions = (
  | { ids: bigint[] }
  /**
   * The rows themselves, when the caller knows they committed and nobody enqueued them yet (it
   * just wrote them in a statement that committed): saves the lookup.
   */
  | { committed: OutboxRowRef[] }
) & {
  db?: Db;
  producer?: ProducerQueue;
  /** The whole step's budget; past it we stop waiting (the relay catches up). */
  timeoutMs?: number;
  logger?: Logger;
};

export const ENQUEUE_BUDGET_MS = 200;

/**
 * After commit: pushes committed outbox rows to the queue and marks them `enqueued`.
 * Never throws and never waits longer than the budget: a slow or down Redis only makes the
 * notification late (the relay in the worker re-enqueues rows left `pending`), it never fails
 * or slows the write that caused it. Resolves to the number of rows enqueued (0 on failure).
 */
export async function enqueueOutboxEvents(options: EnqueueOutboxEventsOptions): Promise<number> {
  const ids = "ids" in options ? options.ids : options.committed.map((row) => row.id);
  if (ids.length === 0) return 0;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<number>((resolve) => {
    timer = setTimeout(() => resolve(0), options.timeoutMs ?? ENQUEUE_BUDGET_MS);
  });
  const work = enqueue(options).catch((error: unknown) => {
    options.logger?.debug(
      { err: error, ids: ids.map(String) },
      "enqueue failed; the outbox relay will retry",
    );
    return 0;
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function enqueue(options: EnqueueOutboxEventsOptions): Promise<number> {
  const producer = options.producer ?? getQueue();
  // Not connected: wait at most the budget (a fresh process connects in a few ms), else skip;
  // an add on a connection that is not ready would wait for it indefinitely.
  if (!(await whenReady(producer, options.timeoutMs ?? ENQUEUE_BUDGET_MS))) return 0;
  const db = options.db ?? getDb();
  // Only rows that committed and nobody enqueued yet (a rolled-back attempt has no row).
  const rows =
    "committed" in options
      ? options.committed
      : await db.outbox.findMany({
          where: { id: { in: options.ids }, status: "pending" },
          select: { id: true, type: true, createdAt: true },
        });
  if (rows.length === 0) return 0;
  await producer.queue.addBulk(
    rows.map((row) => ({
      name: row.type,
      data: { outboxId: String(row.id) },
      opts: { ...EVENT_JOB_OPTIONS, jobId: outboxJobId(row) },
    })),
  );
  // Guarded on `pending`: a fast worker may already have marked the row done.
  await db.outbox.updateMany({
    where: { id: { in: rows.map((row) => row.id) }, status: "pending" },
    data: { status: "enqueued", enqueuedAt: new Date(), attempts: { increment: 1 } },
  });
  return rows.length;
}

function whenReady(producer: ProducerQueue, timeoutMs: number): Promise<boolean> {
  const { connection } = producer;
  if (connection.status === "ready") return Promise.resolve(true);
  if (connection.status === "end" || connection.status === "close") return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      connection.off("ready", onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    connection.once("ready", onReady);
  });
}
