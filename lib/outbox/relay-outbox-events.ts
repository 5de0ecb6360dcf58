import type { Db } from "../db";
import { EVENT_JOB_OPTIONS, outboxJobId, type ProducerQueue } from "../queue";

export type RelayOutboxEventsOptions = {
  db: Db;
  producer: ProducerQueue;
  /** Rows per transaction. */
  batchSize?: number;
  /** A `pending` row older than this was not enqueued after its commit (Redis was down). */
  pendingAfterMs?: number;
  /** An `enqueued` row not done after this may have lost its job (Redis flushed or failed over). */
  staleAfterMs?: number;
};

export const RELAY_DEFAULTS = { batchSize: 200, pendingAfterMs: 2000, staleAfterMs: 60_000 } as const;

/**
 * One relay pass: re-enqueues outbox rows that should be in the queue but may not be.
 * Rows are claimed with FOR UPDATE SKIP LOCKED so several workers share the work without
 * blocking each other; the job id is the same as the first enqueue's, so BullMQ ignores a row
 * whose job still exists. If Redis refuses, the transaction rolls back and rows stay as they
 * were for the next pass. Returns the number of rows relayed.
 */
export async function relayOutboxEvents(options: RelayOutboxEventsOptions): Promise<number> {
  const { db, producer } = options;
  if (producer.connection.status !== "ready") return 0;
  const batchSize = options.batchSize ?? RELAY_DEFAULTS.batchSize;
  const pendingSecs = (options.pendingAfterMs ?? RELAY_DEFAULTS.pendingAfterMs) / 1000;
  const staleSecs = (options.staleAfterMs ?? RELAY_DEFAULTS.staleAfterMs) / 1000;
  let relayed = 0;
  for (;;) {
    const count = await db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<Array<{ id: bigint; type: string; createdAt: Date }>>`
          SELECT id, type, "createdAt" FROM outbox
          -- status <> 'done' and ORDER BY "createdAt" match the partial index outbox_pending_idx,
          -- so a pass reads only unfinished rows however many done rows the table holds.
          WHERE status <> 'done'
            AND ((status = 'pending' AND "createdAt" < (now() AT TIME ZONE 'UTC') - make_interval(secs => ${pendingSecs}))
              OR (status = 'enqueued' AND "enqueuedAt" < (now() AT TIME ZONE 'UTC') - make_interval(secs => ${staleSecs})))
          ORDER BY "createdAt"
          LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return 0;
        await producer.queue.addBulk(
          rows.map((row) => ({
            name: row.type,
            data: { outboxId: String(row.id) },
            opts: { ...EVENT_JOB_OPTIONS, jobId: outboxJobId(row) },
          })),
        );
        await tx.$executeRaw`
          UPDATE outbox SET status = 'enqueued', "enqueuedAt" = (now() AT TIME ZONE 'UTC'), attempts = attempts + 1
          WHERE id = ANY(${rows.map((row) => row.id)}::bigint[]) AND status IN ('pending', 'enqueued')`;
        return rows.length;
      },
      { timeout: 15_000, maxWait: 5_000 },
    );
    relayed += count;
    if (count < batchSize) return relayed;
  }
}
