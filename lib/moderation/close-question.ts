import type { Actor } from "../auth/actor";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import { writeAuditLog } from "../audit/write-audit-log";
import { loadQuestionForModeration } from "./load-question-for-moderation";
import { assertCanModerate, QUESTION_MODERATION_SELECT, type QuestionModerationState } from "./moderation-state";

export type CloseQuestionOptions = {
  db: Db;
  actor: Actor;
  questionId: number;
  /** Why, shown on the question ("off-topic", "needs details"…); "duplicate" when duplicateOfId is given. */
  reason?: string | null;
  /** Closes as a duplicate of this (live) question. */
  duplicateOfId?: number | null;
};

/** Closes a question: it stays readable and votable but takes no new answers (409). */
export async function closeQuestion(options: CloseQuestionOptions): Promise<QuestionModerationState> {
  assertCanModerate(options.actor);
  const duplicateOfId = options.duplicateOfId ?? null;
  const reason = options.reason?.trim() || (duplicateOfId ? "duplicate" : "");
  if (!reason) throw new AppError("VALIDATION_FAILED", "Give a reason for closing", { fields: { reason: "is required" } });
  if (reason.length > 200) throw new AppError("VALIDATION_FAILED", "The reason is too long", { fields: { reason: "must be at most 200 characters" } });
  if (duplicateOfId === options.questionId) {
    throw new AppError("VALIDATION_FAILED", "A question cannot duplicate itself", { fields: { duplicateOfId: "must be another question" } });
  }
  return options.db.$transaction(async (tx) => {
    const question = await loadQuestionForModeration(tx, options.questionId);
    if (question.deletedAt) throw new AppError("CONFLICT", "The question is deleted");
    if (question.closedAt) throw new AppError("CONFLICT", "The question is already closed");
    if (duplicateOfId !== null) {
      const original = await tx.question.findUnique({ where: { id: duplicateOfId }, select: { deletedAt: true } });
      if (!original || original.deletedAt) {
        throw new AppError("VALIDATION_FAILED", "The original question does not exist", { fields: { duplicateOfId: "no such question" } });
      }
    }
    const updated = await tx.question.update({
      where: { id: question.id },
      data: { closedAt: new Date(), closedReason: reason, duplicateOfId },
      select: QUESTION_MODERATION_SELECT,
    });
    await writeAuditLog({
      tx,
      actorId: options.actor.id,
      action: "question.close",
      targetType: "question",
      targetId: question.id,
      details: { title: question.title, reason, duplicateOfId },
    });
    return updated;
  });
}
