import type { Db } from "../db";

/**
 * Records that an event's job gave up (attempts exhausted or a permanent error), so the relay
 * stops re-enqueueing it; the failed job stays in the queue with its error for inspection.
 */
export async function markOutboxFailed(options: { db: Db; id: bigint; error: string }): Promise<void> {
  await options.db.outbox.updateMany({
    where: { id: options.id, status: { not: "done" } },
    data: { status: "failed", error: options.error.slice(0, 2000), processedAt: new Date() },
  });
}
