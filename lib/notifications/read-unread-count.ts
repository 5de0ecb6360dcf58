import type { Redis } from "ioredis";
import type { Db } from "../db";
import { fillUnreadCount, getCachedUnreadCount } from "./unread-count-cache";

export type ReadUnreadCountOptions = {
  db: Db;
  /** Omit to read Postgres only. */
  redis?: Redis;
  userId: string;
  redisPrefix?: string;
};

/** The bell's number: from the Redis copy when present, else `User.unreadCount` (then cached). */
export async function readUnreadCount(options: ReadUnreadCountOptions): Promise<{ count: number; source: "redis" | "db" }> {
  const { redis, userId, redisPrefix } = options;
  let gen: string | null = null;
  if (redis) {
    try {
      const cached = await getCachedUnreadCount({ redis, userId, redisPrefix });
      if (cached.count !== null && Number.isFinite(cached.count)) return { count: cached.count, source: "redis" };
      gen = cached.gen;
    } catch {
      // Redis down: Postgres answers (an indexed primary-key read).
    }
  }
  const user = await options.db.user.findUnique({ where: { id: userId }, select: { unreadCount: true } });
  const count = Math.max(0, user?.unreadCount ?? 0);
  if (redis && gen !== null) {
    await fillUnreadCount({ redis, userId, gen, count, redisPrefix }).catch(() => undefined);
  }
  return { count, source: "db" };
}
