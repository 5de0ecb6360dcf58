import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import { toVoteValue } from "../answers/to-answer";
import { renderMarkdown } from "../markdown/render-markdown";
import { QUESTION_SUMMARY_SELECT, toQuestionSummary } from "./to-question-summary";
import type { Question } from "./types";

export type GetQuestionOptions = { db: Db; id: number; actorId?: string | null; includeDeleted?: boolean };

/** One question with rendered body; `myVote`/`following` for the signed-in reader. */
export async function getQuestion(options: GetQuestionOptions): Promise<Question> {
  const { db, id, actorId } = options;
  const [row, vote, follow] = await Promise.all([
    db.question.findUnique({
      where: { id },
      select: {
        ...QUESTION_SUMMARY_SELECT,
        updatedAt: true,
        closedAt: true,
        closedReason: true,
        duplicateOfId: true,
        lockedAt: true,
        deletedAt: true,
      },
    }),
    actorId ? db.vote.findUnique({ where: { userId_questionId: { userId: actorId, questionId: id } }, select: { value: true } }) : null,
    actorId ? db.follow.findUnique({ where: { userId_questionId: { userId: actorId, questionId: id } }, select: { userId: true } }) : null,
  ]);
  if (!row || (row.deletedAt && !options.includeDeleted)) throw new AppError("NOT_FOUND", "Question not found");
  return {
    ...toQuestionSummary(row),
    body: row.body,
    bodyHtml: renderMarkdown({ source: row.body }),
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
    closedReason: row.closedReason,
    duplicateOfId: row.duplicateOfId,
    lockedAt: row.lockedAt,
    deletedAt: row.deletedAt,
    myVote: toVoteValue(vote?.value),
    following: Boolean(follow),
  };
}
