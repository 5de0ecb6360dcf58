import type { Db } from "../db";
import type { ProducerQueue } from "../queue";

export type PipelineHealth = {
  /** Jobs not yet started: waiting (incl. prioritized) plus delayed (backing off). */
  queueDepth: { waiting: number; delayed: number; active: number };
  failed: { count: number; latest: { jobId: string; name: string; error: string; at: string | null } | null };
  /** Age of the oldest outbox row not yet done or failed; null when there is none. */
  oldestPendingAgeMs: number | null;
};

/** What `doctor` reports about the notification pipeline (queue in Redis, outbox in Postgres). */
export async function readPipelineHealth(options: { db: Db; producer: ProducerQueue }): Promise<PipelineHealth> {
  const { queue } = options.producer;
  const [counts, failedJobs, oldest] = await Promise.all([
    queue.getJobCounts("waiting", "prioritized", "delayed", "active", "failed"),
    queue.getJobs(["failed"], 0, 0, false),
    readOldestPendingAgeMs(options.db),
  ]);
  const latest = failedJobs[0];
  return {
    queueDepth: { waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0), delayed: counts.delayed ?? 0, active: counts.active ?? 0 },
    failed: {
      count: counts.failed ?? 0,
      latest: latest
        ? {
            jobId: String(latest.id),
            name: latest.name,
            error: latest.failedReason ?? "",
            at: latest.finishedOn ? new Date(latest.finishedOn).toISOString() : null,
          }
        : null,
    },
    oldestPendingAgeMs: oldest,
  };
}

export async function readOldestPendingAgeMs(db: Db): Promise<number | null> {
  // `createdAt` holds UTC (as Prisma writes it), hence the explicit zone.
  const rows = await db.$queryRaw<Array<{ age_ms: number | null }>>`
    SELECT (EXTRACT(EPOCH FROM ((now() AT TIME ZONE 'UTC') - min("createdAt"))) * 1000)::float8 AS age_ms
    FROM outbox WHERE status IN ('pending', 'enqueued')`;
  const age = rows[0]?.age_ms;
  return age === null || age === undefined ? null : Math.max(0, Math.round(age));
}
