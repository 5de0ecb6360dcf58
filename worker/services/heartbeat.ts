import type { Redis } from "ioredis";
import type { Logger } from "../../lib/logger";
import { startHeartbeat, type Heartbeat } from "../../lib/worker/heartbeat";
import type { WorkerService } from "../service";

/** Announces this process in Redis every few seconds so `doctor` can see live workers. */
export function createHeartbeatService(options: { redis: Redis; id: string; prefix: string; logger: Logger }): WorkerService {
  let heartbeat: Heartbeat | undefined;
  let warned = false;
  return {
    name: "heartbeat",
    async start() {
      heartbeat = startHeartbeat({
        redis: options.redis,
        id: options.id,
        prefix: options.prefix,
        intervalMs: 5000,
        ttlSeconds: 15,
        onError: (error) => {
          // One line per outage, not one every 5 s.
          if (!warned) options.logger.warn({ err: error }, "heartbeat write failed (is Redis up?)");
          warned = true;
        },
      });
      options.logger.debug({ key: heartbeat.key }, "heartbeat started");
    },
    async stop() {
      await heartbeat?.stop();
      heartbeat = undefined;
    },
  };
}
