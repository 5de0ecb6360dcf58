import type { Redis } from "ioredis";

/**
 * Cache-aside through Redis. Redis is never the source of truth: any Redis error (down,
 * slow — the producer client times out in ~1 s) falls through to `load()`.
 */
export async function cached<T>(options: { redis: Redis; key: string; ttlSeconds: number; load: () => Promise<T> }): Promise<T> {
  const { redis, key } = options;
  try {
    const hit = await redis.get(key);
    if (hit !== null) return JSON.parse(hit) as T;
  } catch {
    return options.load();
  }
  const value = await options.load();
  redis.set(key, JSON.stringify(value), "EX", options.ttlSeconds).catch(() => {});
  return value;
}

/** Drops cached keys after a write; failures only mean the TTL expires them instead. */
export async function invalidate(options: { redis: Redis; keys: string[] }): Promise<void> {
  if (options.keys.length === 0) return;
  await options.redis.del(...options.keys).catch(() => {});
}
