import type { Redis } from "ioredis";
import { prefixedKey } from "../redis";
import { forgetLocalUnreadCounts, unreadChangedChannel } from "./local-unread-counts";

/**
 * Redis copy of `User.unreadCount`, so idle bell polling skips Postgres. Postgres stays the
 * truth: a miss, a flushed or a down Redis only costs one indexed read.
 *
 * The key is a hash {count, gen}. Writers bump `gen` and drop `count` after they commit; a
 * reader that missed remembers the `gen` it saw and fills `count` only if `gen` is unchanged
 * (one Lua call), so a value read from Postgres before a concurrent write can never be cached
 * after that write's invalidation.
 */
export const UNREAD_CACHE_TTL_SECONDS = 300;

const FILL_IF_UNCHANGED = `
local gen = redis.call('HGET', KEYS[1], 'gen') or ''
if gen ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'count', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1`;

export function unreadCountKey(userId: string, redisPrefix?: string): string {
  return prefixedKey(redisPrefix, "unread", userId);
}


/** The cached count, or null on a miss, with the generation to pass to `fillUnreadCount`. */
export async function getCachedUnreadCount(options: {
  redis: Redis;
  userId: string;
  redisPrefix?: string;
}): Promise<{ count: number | null; gen: string }> {
  const [count, gen] = await options.redis.hmget(unreadCountKey(options.userId, options.redisPrefix), "count", "gen");
  return { count: count === null ? null : Number(count), gen: gen ?? "" };
}

export async function fillUnreadCount(options: {
  redis: Redis;
  userId: string;
  gen: string;
  count: number;
  redisPrefix?: string;
}): Promise<void> {
  const key = unreadCountKey(options.userId, options.redisPrefix);
  await options.redis.eval(FILL_IF_UNCHANGED, 1, key, options.gen, String(options.count), String(UNREAD_CACHE_TTL_SECONDS));
}

/**
 * After a committed change to these users' counts: invalidates the Redis copy, then announces it
 * to the web processes' local copies (lib/notifications/local-unread-counts.ts). Never throws
 * (the TTLs bound a missed one).
 */
export async function invalidateUnreadCounts(options: {
  redis: Redis;
  userIds: string[];
  redisPrefix?: string;
}): Promise<boolean> {
  if (options.userIds.length === 0) return true;
  try {
    const pipeline = options.redis.pipeline();
    const userIds = [...new Set(options.userIds)];
    for (const userId of userIds) {
      const key = unreadCountKey(userId, options.redisPrefix);
      pipeline.hincrby(key, "gen", 1).hdel(key, "count").expire(key, UNREAD_CACHE_TTL_SECONDS);
    }
    pipeline.publish(unreadChangedChannel(options.redisPrefix), userIds.join(","));
    const results = await pipeline.exec();
    // After Redis dropped them: a local fill that read Redis before this point is refused.
    forgetLocalUnreadCounts(userIds);
    return !results?.some(([error]) => error);
  } catch {
    forgetLocalUnreadCounts(options.userIds);
    return false;
  }
}
