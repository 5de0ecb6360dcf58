/**
 * The worker process (`node dist/worker.js`, or `npx tsx worker/index.ts` from source): runs the
 * services from build-services.ts until SIGTERM/SIGINT, then drains them and exits 0.
 */
import { getConfig } from "../lib/config";
import { createDb } from "../lib/db";
import { createLogger } from "../lib/logger";
import { createRedis } from "../lib/redis";
import { exitWithParent } from "../lib/supervisor/exit-with-parent";
import { buildServices, workerId } from "./build-services";
import { runServices } from "./run-services";

try {
  const config = getConfig();
  const logger = createLogger({ name: "worker", level: config.LOG_LEVEL });
  const redis = createRedis({ url: config.REDIS_URL, role: "worker" });
  let redisDown = false;
  redis.on("error", (error) => {
    if (!redisDown) logger.warn({ err: error }, "Redis connection error; retrying");
    redisDown = true;
  });
  redis.on("ready", () => (redisDown = false));
  const db = createDb({ databaseUrl: config.DATABASE_URL, max: Math.min(10, config.WORKER_CONCURRENCY + 2) });

  exitWithParent();
  logger.info({ id: workerId() }, "worker starting");
  await runServices({
    services: buildServices({ config, logger, redis, db }),
    logger,
    async close() {
      redis.disconnect();
      await db.$disconnect();
    },
  });
} catch (error) {
  // Synchronous JSON so the line is written before exiting (config errors end up here).
  createLogger({ name: "worker", pretty: false }).fatal({ err: error }, error instanceof Error ? error.message : String(error));
  process.exit(1);
}
