/**
 * A worker process running only the notifications service, for crash tests:
 *   DATABASE_URL=… REDIS_URL=… REDIS_PREFIX=… node --import tsx test/helpers/run-notifications-worker.ts
 * Short lock settings so jobs held by a SIGKILLed process are picked up again within seconds.
 */
import { createDb } from "../../lib/db";
import { createLogger } from "../../lib/logger";
import { createNotificationsService } from "../../worker/services/notifications";

const env = process.env;
const db = createDb({ databaseUrl: env.DATABASE_URL ?? "", max: 4 });
const service = createNotificationsService({
  db,
  redisUrl: env.REDIS_URL ?? "redis://127.0.0.1:6379",
  redisPrefix: env.REDIS_PREFIX ?? "ce-test",
  concurrency: Number(env.WORKER_CONCURRENCY ?? 2),
  logger: createLogger({ name: "test-worker", level: env.LOG_LEVEL ?? "warn", pretty: false }),
  lockDuration: 2000,
  stalledInterval: 1000,
});
await service.start();
process.stdout.write("ready\n");
process.once("SIGTERM", () => {
  void service
    .stop()
    .then(() => db.$disconnect())
    .finally(() => process.exit(0));
});
