import type { Db } from "../../lib/db";

/**
 * Awards a badge exactly once (unique user+badge: concurrent triggers insert one row) and, for
 * the row actually inserted, writes a `badge` notification (eventId = −badge id: its own
 * event, so the unique (eventId, recipient) holds) and bumps the unread counter.
 */
export async function awardBadge(options: { db: Db; userId: string; badge: string; sourceKey?: string }): Promise<boolean> {
  const rows = await options.db.$queryRaw<Array<{ id: number }>>`
    WITH badge AS (
      INSERT INTO "badge" ("userId", "badge", "sourceKey") VALUES (${options.userId}, ${options.badge}, ${options.sourceKey ?? null})
      ON CONFLICT ("userId", "badge") DO NOTHING RETURNING "id"
    ), note AS (
      INSERT INTO "notification" ("userId", "type", "eventId", "data", "createdAt")
      SELECT ${options.userId}, 'badge', -badge."id", jsonb_build_object('badge', ${options.badge}::text), (now() AT TIME ZONE 'UTC') FROM badge
      ON CONFLICT ("eventId", "userId") DO NOTHING RETURNING "userId"
    ), bumped AS (
      UPDATE "user" u SET "unreadCount" = u."unreadCount" + 1 FROM note WHERE u."id" = note."userId"
    )
    SELECT "id" FROM badge`;
  return rows.length > 0;
}
