import type { Db } from "../db";

export type NotificationItem = {
  id: string;
  type: string;
  actor: { username: string } | null;
  questionId: number | null;
  answerId: number | null;
  questionTitle: string | null;
  read: boolean;
  createdAt: string;
};

export type ListNotificationsOptions = {
  db: Db;
  userId: string;
  /** The last id of the previous page (newest first). */
  cursor?: string | null;
  unreadOnly?: boolean;
  limit?: number;
};

export const NOTIFICATIONS_PAGE_MAX = 50;

/** The user's notifications, newest first, keyset-paginated on id (index userId, id desc). */
export async function listNotifications(
  options: ListNotificationsOptions,
): Promise<{ items: NotificationItem[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(options.limit ?? 20, 1), NOTIFICATIONS_PAGE_MAX);
  const rows = await options.db.notification.findMany({
    where: {
      userId: options.userId,
      ...(options.cursor ? { id: { lt: BigInt(options.cursor) } } : {}),
      ...(options.unreadOnly ? { readAt: null } : {}),
    },
    orderBy: { id: "desc" },
    take: limit + 1,
    select: {
      id: true,
      type: true,
      questionId: true,
      answerId: true,
      readAt: true,
      createdAt: true,
      actor: { select: { username: true } },
    },
  });
  const page = rows.slice(0, limit);
  const questionIds = [...new Set(page.map((row) => row.questionId).filter((id): id is number => id !== null))];
  const questions = questionIds.length
    ? await options.db.question.findMany({ where: { id: { in: questionIds } }, select: { id: true, title: true } })
    : [];
  const titles = new Map(questions.map((question) => [question.id, question.title]));
  return {
    items: page.map((row) => ({
      id: String(row.id),
      type: row.type,
      actor: row.actor ? { username: row.actor.username } : null,
      questionId: row.questionId,
      answerId: row.answerId,
      questionTitle: row.questionId !== null ? (titles.get(row.questionId) ?? null) : null,
      read: row.readAt !== null,
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
  };
}
