import { Queue, UnrecoverableError, Worker, type Job } from "bullmq";
import { z } from "zod";
import type { Db } from "../../lib/db";
import { EVENT_PAYLOAD_SCHEMAS, isEventType, type EventType } from "../../lib/events/event-types";
import type { Logger } from "../../lib/logger";
import type { PluginHost } from "../../lib/plugins/plugin-host";
import { bullPrefix } from "../../lib/queue";
import type { WorkerService } from "../service";

export const PLUGIN_ACTIONS_QUEUE = "plugin-actions";

/** One job per (event, plugin): the plugin's action hook, retried with backoff on failure. */
const JOB_DATA = z.object({
  plugin: z.string().min(1),
  eventId: z.string().regex(/^\d+$/),
  /** The event payload travels with the job when there is no outbox row (notification.created). */
  payload: z.record(z.string(), z.unknown()).optional(),
});

export type PluginActionsService = WorkerService & {
  /** Called by the events worker after an event is processed: fans it out to enabled plugins. */
  enqueueFor(event: { type: string; eventId: string; payload?: Record<string, unknown> }): Promise<void>;
};

export function createPluginActionsService(options: { db: Db; host: PluginHost; redisUrl: string; redisPrefix: string; concurrency: number; logger: Logger }): PluginActionsService {
  const { db, host, logger } = options;
  let worker: Worker | undefined;
  let queue: Queue | undefined;

  async function processJob(job: Job): Promise<string> {
    const data = JOB_DATA.safeParse(job.data);
    if (!data.success || !isEventType(job.name)) throw new UnrecoverableError(`invalid plugin job: ${job.name}`);
    const hook = job.name as EventType;
    let payload = data.data.payload;
    if (!payload) {
      const row = await db.outbox.findUnique({ where: { id: BigInt(data.data.eventId) }, select: { payload: true } });
      if (!row) throw new UnrecoverableError(`event ${data.data.eventId} not found`);
      payload = row.payload as Record<string, unknown>;
    }
    const parsed = EVENT_PAYLOAD_SCHEMAS[hook].safeParse(payload);
    if (!parsed.success) throw new UnrecoverableError(`invalid ${hook} payload`);
    const log = logger.child({ jobId: job.id, eventId: data.data.eventId, plugin: data.data.plugin, hook });
    const result = await host.runAction(data.data.plugin, hook, { ...parsed.data, eventId: data.data.eventId } as never);
    log.debug({ result }, "plugin action ran");
    return result;
  }

  return {
    name: "plugin-actions",
    async enqueueFor(event) {
      if (!queue || !isEventType(event.type)) return;
      for (const plugin of await host.actionsFor(event.type)) {
        await queue.add(event.type, { plugin, eventId: event.eventId, payload: event.payload }, {
          jobId: `plugin-${plugin}-${event.type.replace(/\./g, "_")}-${event.eventId}`,
          attempts: 6,
          backoff: { type: "exponential", delay: 2000 },
          // Completed jobs are dropped at once: outbox ids restart if the database is recreated
          // or restored, and a kept job would swallow the new event with the same id.
          removeOnComplete: true,
          removeOnFail: { age: 7 * 24 * 3600 },
        });
      }
    },
    async start() {
      const connection = { url: options.redisUrl, maxRetriesPerRequest: null };
      queue = new Queue(PLUGIN_ACTIONS_QUEUE, { connection, prefix: bullPrefix(options.redisPrefix) });
      queue.on("error", () => {});
      worker = new Worker(PLUGIN_ACTIONS_QUEUE, processJob, { connection, prefix: bullPrefix(options.redisPrefix), concurrency: options.concurrency });
      worker.on("error", (error) => logger.error({ err: error }, "plugin actions worker error"));
      worker.on("failed", (job, error) => {
        if (job?.finishedOn) logger.error({ jobId: job.id, plugin: (job.data as { plugin?: string }).plugin, err: error }, "plugin action failed for good");
      });
      await host.load();
    },
    async stop() {
      await worker?.close();
      await queue?.close();
      worker = undefined;
      queue = undefined;
    },
  };
}
