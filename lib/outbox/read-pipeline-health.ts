import type { Queue } from "bullmq";
import type { Db } from "../db";

export type QueueHealth = {
  /** Not started yet: waiting (incl. prioritized), and delayed (mostly retries backing off). */
  waiting: number;
  delayed: number;
  active: number;
  failed: number;
  latestFailed: { jobId: string; name: string; error: string; at: Date | null } | null;
};

/** What `doctor` reports about the events queue. */
export async function readQueueHealth(options: { queue: Queue }): Promise<QueueHealth> {
  const { queue } = options;
  const [counts, latest] = await Promise.all([
    queue.getJobCounts("waiting", "prioritized", "delayed", "active", "failed"),
    // The failed set is ordered by when jobs failed: the last one is the newest.
    queue.getJobs(["failed"], 0, 0, false),
  ]);
  const job = latest[0];
  return {
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
    delayed: counts.delayed ?? 0,
    active: counts.active ?? 0,
    failed: counts.failed ?? 0,
    latestFailed: job
      ? { jobId: String(job.id), name: job.name, error: job.failedReason ?? "", at: job.finishedOn ? new Date(job.finishedOn) : null }
      : null,
  };
}

/** Age of the oldest outbox row not yet processed (pending or enqueued); null when none. */
export async function readOldestPendingAgeMs(db: Db): Promise<number | null> {
  // `createdAt` holds UTC (as Prisma writes it), hence the explicit zone; `status <> 'done'`
  // lets Postgres use the partial index outbox_pending_idx.
  const rows = await db.$queryRaw<Array<{ age_ms: number | null }>>`
    SELECT (EXTRACT(EPOCH FROM ((now() AT TIME ZONE 'UTC') - min("createdAt"))) * 1000)::float8 AS age_ms
    FROM outbox WHERE status <> 'done' AND status IN ('pending', 'enqueued')`;
  const age = rows[0]?.age_ms;
  return age === null || age === undefined ? null : Math.max(0, Math.round(age));
}
