import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import type { Prisma } from "../generated/prisma/client";
import { type Cursor, cursorDate, cursorNumber, decodeCursor, encodeCursor } from "../questions/cursor";
import type { Answer } from "../questions/types";
import { ANSWER_SELECT, type AnswerRow, toAnswer } from "./to-answer";

export const ANSWER_SORTS = ["votes", "newest"] as const;
export type AnswerSort = (typeof ANSWER_SORTS)[number];

export const listAnswersQuery = z.object({
  sort: z.enum(ANSWER_SORTS, { error: "sort must be votes or newest" }).default("votes"),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number({ error: "limit must be a number from 1 to 50" }).int().min(1, "limit must be at least 1").max(50, "limit must be at most 50").default(20),
});

export type ListAnswersOptions = {
  db: Db;
  questionId: number;
  sort?: AnswerSort;
  cursor?: string | null;
  limit?: number;
  actorId?: string | null;
  /** Staff views of a deleted question. */
  includeDeleted?: boolean;
};

export type AnswerPage = { items: Answer[]; nextCursor: string | null };

/**
 * Answers of a question, keyset-paginated (never OFFSET). "votes": the accepted answer first,
 * then voteScore desc, id asc (oldest first among equals). "newest": createdAt desc, id desc.
 * The cursor's `a` flag says the previous page ended on the pinned accepted answer.
 */
export async function listAnswers(options: ListAnswersOptions): Promise<AnswerPage> {
  const { db, questionId } = options;
  const sort = options.sort ?? "votes";
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 50);
  const cursor = decodeCursor(options.cursor, `answers:${sort}`);
  const question = await db.question.findUnique({ where: { id: questionId }, select: { acceptedAnswerId: true, deletedAt: true } });
  if (!question || (question.deletedAt && !options.includeDeleted)) throw new AppError("NOT_FOUND", "Question not found");
  const acceptedId = question.acceptedAnswerId;

  const pinned: AnswerRow[] = [];
  const where: Prisma.AnswerWhereInput = { questionId, deletedAt: null };
  if (sort === "votes") {
    if (acceptedId !== null) where.id = { not: acceptedId };
    if (!cursor && acceptedId !== null) {
      pinned.push(...(await db.answer.findMany({ where: { id: acceptedId, questionId, deletedAt: null }, select: ANSWER_SELECT })));
    }
    if (cursor && cursor.a !== 1) {
      const score = cursorNumber(cursor);
      where.OR = [{ voteScore: { lt: score } }, { voteScore: score, id: { gt: cursor.id } }];
    }
  } else if (cursor) {
    const at = cursorDate(cursor);
    where.OR = [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: cursor.id } }];
  }

  const take = limit - pinned.length;
  const rows = await db.answer.findMany({
    where,
    orderBy: sort === "votes" ? [{ voteScore: "desc" }, { id: "asc" }] : [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: ANSWER_SELECT,
  });
  const page = [...pinned, ...rows.slice(0, take)];
  const last = page.at(-1);
  const nextCursor = rows.length > take && last ? encodeCursor(cursorAfter(sort, last, acceptedId)) : null;

  const votes = options.actorId
    ? await db.vote.findMany({
        where: { userId: options.actorId, answerId: { in: page.map((a) => a.id) } },
        select: { answerId: true, value: true },
      })
    : [];
  const myVotes = new Map(votes.map((v) => [v.answerId, v.value]));
  return {
    items: page.map((row) => toAnswer(row, { acceptedAnswerId: acceptedId, myVote: myVotes.get(row.id) })),
    nextCursor,
  };
}

function cursorAfter(sort: AnswerSort, last: AnswerRow, acceptedId: number | null): Cursor {
  if (sort === "newest") return { s: "answers:newest", k: last.createdAt.toISOString(), id: last.id };
  return { s: "answers:votes", k: last.voteScore, id: last.id, a: last.id === acceptedId ? 1 : 0 };
}
