import type { Actor } from "../auth/actor";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import { writeAuditLog } from "../audit/write-audit-log";
import { loadQuestionForModeration } from "./load-question-for-moderation";
import { assertCanModerate, QUESTION_MODERATION_SELECT, type QuestionModerationState } from "./moderation-state";

export type ReopenQuestionOptions = { db: Db; actor: Actor; questionId: number };

/** Reopens a closed question (clears the reason and any duplicate link). */
export async function reopenQuestion(options: ReopenQuestionOptions): Promise<QuestionModerationState> {
  assertCanModerate(options.actor);
  return options.db.$transaction(async (tx) => {
    const question = await loadQuestionForModeration(tx, options.questionId);
    if (!question.closedAt) throw new AppError("CONFLICT", "The question is not closed");
    const updated = await tx.question.update({
      where: { id: question.id },
      data: { closedAt: null, closedReason: null, duplicateOfId: null },
      select: QUESTION_MODERATION_SELECT,
    });
    await writeAuditLog({
      tx,
      actorId: options.actor.id,
      action: "question.reopen",
      targetType: "question",
      targetId: question.id,
      details: { title: question.title, wasClosedFor: question.closedReason, duplicateOfId: question.duplicateOfId },
    });
    return updated;
  });
}
