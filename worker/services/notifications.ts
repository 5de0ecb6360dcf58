import { UnrecoverableError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";
import type { Db } from "../../lib/db";
import { AppError } from "../../lib/errors/app-error";
import type { DomainEvent } from "../../lib/events/event-types";
import type { Logger } from "../../lib/logger";
import type { CreatedNotification } from "../../lib/notifications/create-notifications";
import { deliverEventNotifications } from "../../lib/notifications/deliver-event-notifications";
import { markOutboxFailed } from "../../lib/outbox/mark-outbox-failed";
import { bullPrefix, QUEUE_NAMES } from "../../lib/queue";
import { createRedis } from "../../lib/redis";

/** What a job carries: the outbox id only (the event itself is read from Postgres). */
export const EVENT_JOB_DATA_SCHEMA = z.object({ outboxId: z.string().regex(/^[1-9]\d{0,18}$/) });

export type NotificationsServiceOptions = {
  db: Db;
  redisUrl: string;
  redisPrefix: string;
  concurrency: number;
  logger: Logger;
  /**
   * Runs after an event's notifications are committed (plugin action hooks fan out from here).
   * It also runs when a retried job finds the event already done, with the notifications
   * written then, so it must be idempotent (e.g. enqueue with job ids derived from `eventId` and
   * the notification ids). A throw makes BullMQ retry the job; notifications are not written twice.
   */
  afterEvent?: (context: { eventId: bigint; event: DomainEvent; notifications: CreatedNotification[] }) => Promise<void>;
  /** BullMQ lock settings; tests shorten them so a killed worker's jobs come back quickly. */
  lockDuration?: number;
  stalledInterval?: number;
};

export type NotificationsService = {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The BullMQ worker once started (for tests and diagnostics). */
  readonly worker: Worker | undefined;
};

/**
 * Consumes the `events` queue: each job is one outbox event turned into notifications.
 * Several processes may run this at once; idempotent writes make duplicates harmless.
 */
export function createNotificationsService(options: NotificationsServiceOptions): NotificationsService {
  const { db, logger, redisPrefix } = options;
  let worker: Worker | undefined;
  let cache: Redis | undefined;

  async function processJob(job: Job): Promise<{ status: string; notified: number }> {
    const parsed = EVENT_JOB_DATA_SCHEMA.safeParse(job.data);
    if (!parsed.success) {
      logger.error({ jobId: job.id, data: job.data }, "invalid job payload");
      throw new UnrecoverableError(`invalid job payload: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "data"}: ${issue.message}`).join("; ")}`);
    }
    const eventId = parsed.data.outboxId;
    const log = logger.child({ jobId: job.id, eventId, eventType: job.name });
    try {
      const result = await deliverEventNotifications({ db, outboxId: BigInt(eventId), redis: cache, redisPrefix });
      const notified = result.status === "delivered" ? result.inserted.length : 0;
      log.debug({ status: result.status, notified }, "event processed");
      if (result.status !== "missing" && options.afterEvent) {
        // A retry of a done event gets the notifications written then, so a fan-out that
        // failed half-way is completed (the callback dedupes by id).
        const notifications =
          result.status === "delivered"
            ? result.inserted
            : await db.notification.findMany({ where: { eventId: BigInt(eventId) }, select: { id: true, userId: true, type: true } });
        await options.afterEvent({ eventId: BigInt(eventId), event: result.event, notifications });
      }

      return { status: result.status, notified };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof AppError && error.code === "VALIDATION_FAILED";
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      log.warn({ err: error, attempt: job.attemptsMade + 1, permanent }, "event processing failed");
      if (permanent || lastAttempt) {
        // The relay must stop re-enqueueing it; the failed job keeps the error for inspection.
        await markOutboxFailed({ db, id: BigInt(eventId), error: message }).catch(() => undefined);
      }
      if (permanent) throw new UnrecoverableError(message);
      throw error;
    }
  }

  return {
    name: "notifications",
    get worker() {
      return worker;
    },
    async start() {
      cache = createRedis({ url: options.redisUrl, role: "producer" });
      cache.on("error", () => {
        // Cached bell counts are optional; they expire if an invalidation is missed.
      });
      worker = new Worker(QUEUE_NAMES.events, processJob, {
        connection: { url: options.redisUrl, maxRetriesPerRequest: null },
        prefix: bullPrefix(redisPrefix),
        concurrency: options.concurrency,
        ...(options.lockDuration ? { lockDuration: options.lockDuration } : {}),
        ...(options.stalledInterval ? { stalledInterval: options.stalledInterval } : {}),
      });
      worker.on("error", (error) => logger.error({ err: error }, "notifications worker error"));
      worker.on("failed", (job, error) => {
        if (job && (job.finishedOn || error instanceof UnrecoverableError)) {
          logger.error({ jobId: job.id, eventId: (job.data as { outboxId?: unknown })?.outboxId, err: error }, "job failed for good");
        }
      });
      logger.info({ concurrency: options.concurrency }, "notifications worker started");
    },
    async stop() {
      // close() waits for jobs in progress, so nothing is left half-done on a clean stop.
      await worker?.close();
      cache?.disconnect();
      worker = undefined;
      cache = undefined;
    },
  };
}
