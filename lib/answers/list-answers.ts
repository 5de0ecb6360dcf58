import { z } from "zod";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { renderMarkdown } from "../markdown/render-markdown";
import { decodeCursor, encodeCursor } from "../questions/cursor";
import { type Answer, AUTHOR_SELECT } from "../questions/types";

export const listAnswersQuery = z.object({
  sort: z.enum(["votes", "newest"]).default("votes"),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export type ListAnswersOptions = { db: Db; questionId: number; actorId?: string | null } & Partial<
  z.infer<typeof listAnswersQuery>
>;

const ANSWER_SELECT = {
  id: true,
  questionId: true,
  body: true,
  voteScore: true,
  createdAt: true,
  updatedAt: true,
  author: { select: AUTHOR_SELECT },
} as const;

/**
 * Answers of a question, keyset-paginated. "votes": the accepted answer first (on the first
 * page), then by score, oldest first among equals. "newest": by creation time.
 */
export async function listAnswers(options: ListAnswersOptions): Promise<{ items: Answer[]; nextCursor: string | null }> {
  const { db, questionId } = options;
  const sort = options.sort ?? "votes";
  const limit = options.limit ?? 10;
  const cursor = decodeCursor(options.cursor);
  const question = await db.question.findUnique({ where: { id: questionId }, select: { acceptedAnswerId: true } });
  const acceptedId = question?.acceptedAnswerId ?? null;

  const where: Prisma.AnswerWhereInput = { questionId, deletedAt: null };
  let pinned: Awaited<ReturnType<typeof db.answer.findMany<{ select: typeof ANSWER_SELECT }>>> = [];
  if (sort === "votes") {
    if (acceptedId !== null) where.id = { not: acceptedId };
    if (!cursor && acceptedId !== null) {
      pinned = await db.answer.findMany({ where: { id: acceptedId, deletedAt: null }, select: ANSWER_SELECT });
    }
    if (cursor) {
      const score = Number(cursor.k);
      where.OR = [{ voteScore: { lt: score } }, { voteScore: score, id: { gt: cursor.id } }];
    }
  } else if (cursor) {
    const at = new Date(String(cursor.k));
    where.OR = [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: cursor.id } }];
  }
  const take = Math.max(limit - pinned.length, 1);
  const rows = await db.answer.findMany({
    where,
    orderBy: sort === "votes" ? [{ voteScore: "desc" }, { id: "asc" }] : [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: ANSWER_SELECT,
  });
  const page = rows.slice(0, take);
  const last = page.at(-1);
  const nextCursor =
    rows.length > take && last
      ? encodeCursor({ k: sort === "votes" ? last.voteScore : last.createdAt.toISOString(), id: last.id })
      : null;

  const all = [...pinned, ...page];
  const votes = options.actorId
    ? await db.vote.findMany({
        where: { userId: options.actorId, answerId: { in: all.map((a) => a.id) } },
        select: { answerId: true, value: true },
      })
    : [];
  const myVotes = new Map(votes.map((v) => [v.answerId, v.value]));
  return {
    items: all.map((row) => ({
      ...row,
      bodyHtml: renderMarkdown({ source: row.body }),
      accepted: row.id === acceptedId,
      myVote: (myVotes.get(row.id) ?? 0) as -1 | 0 | 1,
    })),
    nextCursor,
  };
}
