import { Redis } from "ioredis";
import { getConfig } from "./config";

export type RedisRole = "producer" | "worker" | "subscriber";

/**
 * Producers (web requests, CLI) fail fast so a down Redis never stalls a request: no offline
 * queue, one retry per command. Workers (BullMQ) need `maxRetriesPerRequest: null`; so do
 * pub/sub subscribers, which wait for Redis and resubscribe on their own.
 */
export function createRedis(options: { url: string; role: RedisRole; lazy?: boolean }): Redis {
  const common = { lazyConnect: options.lazy ?? false, connectionName: `ce-${options.role}` };
  if (options.role === "worker" || options.role === "subscriber") {
    return new Redis(options.url, { ...common, maxRetriesPerRequest: null });
  }
  return new Redis(options.url, {
    ...common,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    commandTimeout: 1000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

const globalForRedis = globalThis as unknown as { ceRedis?: Redis };

/** The process-wide producer connection; errors are expected while Redis is down. */
export function getRedis(): Redis {
  if (!globalForRedis.ceRedis) {
    const redis = createRedis({ url: getConfig().REDIS_URL, role: "producer" });
    redis.on("error", () => {
      // Connection errors surface on each command; the client keeps reconnecting.
    });
    globalForRedis.ceRedis = redis;
  }
  return globalForRedis.ceRedis;
}

let keyPrefix: string | undefined;

/**
 * Namespaced key, so several sites can share one Redis. Only the prefix is needed here, so
 * code that runs without a full config (tests, scripts) falls back to REDIS_PREFIX or "ce".
 */
export function redisKey(...parts: Array<string | number>): string {
  if (keyPrefix === undefined) {
    try {
      keyPrefix = getConfig().REDIS_PREFIX;
    } catch {
      keyPrefix = process.env.REDIS_PREFIX || "ce";
    }
  }
  return [keyPrefix, ...parts].join(":");
}

/** redisKey under an explicit prefix (tests, the worker given REDIS_PREFIX), else the configured one. */
export function prefixedKey(redisPrefix: string | undefined, ...parts: Array<string | number>): string {
  return redisPrefix === undefined ? redisKey(...parts) : [redisPrefix, ...parts].join(":");
}
