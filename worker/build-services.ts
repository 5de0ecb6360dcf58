import os from "node:os";
import type { Redis } from "ioredis";
import type { Config } from "../lib/config";
import type { Db } from "../lib/db";
import type { Logger } from "../lib/logger";
import type { WorkerService } from "./service";
import { createHeartbeatService } from "./services/heartbeat";
import { createNotificationsService } from "./services/notifications";
import { createOutboxRelayService } from "./services/outbox-relay";
import { createPluginActionsService } from "./services/plugin-actions";
import { getPluginHost } from "../lib/plugins/get-plugin-host";

export type WorkerContext = { config: Config; logger: Logger; redis: Redis; db: Db };

/** This process's id in Redis (heartbeat key, logs): unique per host and process. */
export function workerId(): string {
  return `${os.hostname()}-${process.pid}`;
}

/**
 * Everything the worker process runs, started in this order and stopped in reverse. A new
 * queue consumer is one more line here (its factory lives in worker/services/<name>.ts).
 */
export function buildServices(context: WorkerContext): WorkerService[] {
  const { config, logger, redis, db } = context;
  const shared = { db, redisUrl: config.REDIS_URL, redisPrefix: config.REDIS_PREFIX };
  const plugins = createPluginActionsService({ ...shared, host: getPluginHost(), concurrency: config.WORKER_CONCURRENCY, logger: logger.child({ service: "plugins" }) });
  return [
    createHeartbeatService({ redis, id: workerId(), prefix: config.REDIS_PREFIX, logger: logger.child({ service: "heartbeat" }) }),
    plugins,
    createNotificationsService({
      ...shared,
      concurrency: config.WORKER_CONCURRENCY,
      logger: logger.child({ service: "notifications" }),
      // Plugin actions run after the event's notifications exist; each notification is an event too.
      afterEvent: async (event) => {
        await plugins.enqueueFor({ type: event.event.type, eventId: String(event.eventId) });
        for (const note of event.notifications) {
          await plugins.enqueueFor({
            type: "notification.created",
            eventId: String(note.id),
            payload: { notificationId: String(note.id), userId: note.userId, type: note.type, eventId: String(event.eventId) },
          });
        }
      },
    }),
    createOutboxRelayService({ ...shared, logger: logger.child({ service: "outbox-relay" }) }),
  ];
}
