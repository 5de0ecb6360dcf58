import { getConfig } from "../config";

/** Heartbeat keys live under `<REDIS_PREFIX>:worker:heartbeat:<id>`, one per worker process. */
export function heartbeatKey(id: string, prefix: string = getConfig().REDIS_PREFIX): string {
  return [prefix, "worker", "heartbeat", id].join(":");
}

/** SCAN pattern for every heartbeat under a prefix (the prefix is restricted to [A-Za-z0-9_-]). */
export function heartbeatPattern(prefix: string = getConfig().REDIS_PREFIX): string {
  return heartbeatKey("*", prefix);
}
