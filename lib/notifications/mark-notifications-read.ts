import type { Redis } from "ioredis";
import type { Db } from "../db";
import { invalidateUnreadCounts } from "./unread-count-cache";

export type MarkNotificationsReadOptions = {
  db: Db;
  userId: string;
  /** Notification ids (strings or bigints), or "all". Ids of other users' notifications are ignored. */
  target: { ids: Array<string | bigint> } | "all";
  redis?: Redis;
  redisPrefix?: string;
};

/**
 * Marks the user's notifications read and lowers `User.unreadCount` by exactly the number of
 * rows that flipped, in the same transaction, so the counter stays equal to the unread rows
 * even while the worker inserts new ones. Returns the unread count left.
 */
export async function markNotificationsRead(options: MarkNotificationsReadOptions): Promise<{ count: number; marked: number }> {
  const { db, userId, target } = options;
  const result = await db.$transaction(async (tx) => {
    const marked =
      target === "all"
        ? await tx.$executeRaw`
            UPDATE notification SET "readAt" = (now() AT TIME ZONE 'UTC') WHERE "userId" = ${userId} AND "readAt" IS NULL`
        : target.ids.length === 0
          ? 0
          : await tx.$executeRaw`
            UPDATE notification SET "readAt" = (now() AT TIME ZONE 'UTC')
            WHERE "userId" = ${userId} AND "readAt" IS NULL AND id = ANY(${target.ids.map((id) => BigInt(id))}::bigint[])`;
    const rows =
      marked > 0
        ? await tx.$queryRaw<Array<{ unreadCount: number }>>`
            UPDATE "user" SET "unreadCount" = GREATEST("unreadCount" - ${marked}::int, 0)
            WHERE id = ${userId} RETURNING "unreadCount"`
        : await tx.$queryRaw<Array<{ unreadCount: number }>>`SELECT "unreadCount" FROM "user" WHERE id = ${userId}`;
    return { count: rows[0]?.unreadCount ?? 0, marked };
  });
  if (options.redis && result.marked > 0) {
    await invalidateUnreadCounts({ redis: options.redis, userIds: [userId], redisPrefix: options.redisPrefix });
  }
  return result;
}
