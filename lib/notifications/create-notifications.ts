import type { Db } from "../db";
import type { Recipient } from "./notification-types";

export type CreateNotificationsOptions = {
  db: Db;
  /** The outbox row id: notifications are unique per (event, recipient). */
  eventId: bigint;
  recipients: Recipient[];
  actorId?: string | null;
  questionId?: number | null;
  answerId?: number | null;
};

export type CreatedNotification = { id: bigint; userId: string; type: string };

/**
 * Writes an event's notifications, bumps `User.unreadCount` for the rows actually inserted,
 * and marks the event done: one SQL statement, so one atomic transaction and one round trip.
 * That matters because every event on a popular question updates the same followers' rows;
 * their locks are held only for this statement, not across an interactive transaction.
 *
 * Rows that already exist (a retried or duplicated job, or two workers at once) are skipped by
 * the unique (eventId, userId) and so do not count twice. Returns the rows inserted now.
 */
export async function createNotifications(options: CreateNotificationsOptions): Promise<CreatedNotification[]> {
  const { db, eventId } = options;
  // Sorted, and locked in id order below, so concurrent events never deadlock on users.
  const recipients = [...options.recipients].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  // Timestamps are `timestamp` (no zone) holding UTC, as Prisma writes them: raw SQL says
  // `now() AT TIME ZONE 'UTC'` rather than trusting the session's time zone.
  return db.$queryRaw<CreatedNotification[]>`
    WITH inserted AS (
      INSERT INTO notification ("userId", type, "eventId", "actorId", "questionId", "answerId", "createdAt")
      SELECT r.user_id, r.type, ${eventId}, ${options.actorId ?? null}, ${options.questionId ?? null}::int,
             ${options.answerId ?? null}::int, (now() AT TIME ZONE 'UTC')
      FROM unnest(${recipients.map((r) => r.userId)}::text[], ${recipients.map((r) => r.type)}::text[]) AS r(user_id, type)
      ON CONFLICT ("eventId", "userId") DO NOTHING
      RETURNING id, "userId", type
    ), locked AS (
      SELECT id FROM "user" WHERE id IN (SELECT "userId" FROM inserted) ORDER BY id FOR NO KEY UPDATE
    ), bumped AS (
      UPDATE "user" AS u SET "unreadCount" = u."unreadCount" + 1 FROM locked WHERE u.id = locked.id
    ), done AS (
      UPDATE outbox SET status = 'done', "processedAt" = (now() AT TIME ZONE 'UTC'), error = NULL
      WHERE id = ${eventId}
    )
    -- Data-modifying CTEs always run to completion, whether or not the final SELECT reads them.
    SELECT id, "userId", type FROM inserted`;
}
