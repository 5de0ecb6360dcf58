import type { Db } from "../db";
import { AppError } from "../errors/app-error";

export type ReaderState = {
  /** The question's current score (the cached page may be a few seconds older). */
  voteScore: number;
  myVote: -1 | 0 | 1;
  following: boolean;
  /** The reader's votes on this question's answers, by answer id (answers they didn't vote on are absent). */
  answerVotes: Record<string, -1 | 1>;
};

type Row = { voteScore: number; myVote: number; following: boolean; answerVotes: Record<string, number> };

/**
 * What a signed-in reader's copy of a question page adds to the cached HTML: their votes on the
 * question and its answers and whether they follow it. One statement, no rendering: the page
 * view's only personal request besides the bell and the user menu.
 */
export async function getReaderState(options: { db: Db; questionId: number; userId: string }): Promise<ReaderState> {
  const { db, questionId, userId } = options;
  const [row] = await db.$queryRaw<Row[]>`
    SELECT q."voteScore",
      COALESCE((SELECT v."value" FROM "vote" v WHERE v."userId" = ${userId} AND v."questionId" = q."id"), 0) AS "myVote",
      EXISTS (SELECT 1 FROM "follow" f WHERE f."userId" = ${userId} AND f."questionId" = q."id") AS "following",
      COALESCE((SELECT json_object_agg(a."id", v."value") FROM "answer" a
        JOIN "vote" v ON v."answerId" = a."id" AND v."userId" = ${userId}
        WHERE a."questionId" = q."id" AND a."deletedAt" IS NULL), '{}'::json) AS "answerVotes"
    FROM "question" q WHERE q."id" = ${questionId} AND q."deletedAt" IS NULL`;
  if (!row) throw new AppError("NOT_FOUND", "Question not found");
  return {
    voteScore: row.voteScore,
    myVote: row.myVote as ReaderState["myVote"],
    following: row.following,
    answerVotes: row.answerVotes as ReaderState["answerVotes"],
  };
}
