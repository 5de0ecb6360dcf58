import type { Db } from "../db";

export type ModeratedQuestion = {
  id: number;
  title: string;
  author: string;
  closedAt: Date | null;
  closedReason: string | null;
  duplicateOfId: number | null;
  lockedAt: Date | null;
  deletedAt: Date | null;
};

/** Questions that are closed, locked or deleted, most recently moderated first (for /admin). */
export async function listModeratedQuestions(options: { db: Db; limit?: number }): Promise<ModeratedQuestion[]> {
  const rows = await options.db.question.findMany({
    where: { OR: [{ closedAt: { not: null } }, { lockedAt: { not: null } }, { deletedAt: { not: null } }] },
    orderBy: { updatedAt: "desc" },
    take: Math.min(options.limit ?? 20, 100),
    select: {
      id: true,
      title: true,
      closedAt: true,
      closedReason: true,
      duplicateOfId: true,
      lockedAt: true,
      deletedAt: true,
      author: { select: { username: true } },
    },
  });
  return rows.map(({ author, ...row }) => ({ ...row, author: author.username }));
}
