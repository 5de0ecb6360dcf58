import type { Actor } from "../auth/actor";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import { writeAuditLog } from "../audit/write-audit-log";
import { loadQuestionForModeration } from "./load-question-for-moderation";
import { assertCanModerate, QUESTION_MODERATION_SELECT, type QuestionModerationState } from "./moderation-state";

export type UnlockQuestionOptions = { db: Db; actor: Actor; questionId: number };

/** Lifts a lock. */
export async function unlockQuestion(options: UnlockQuestionOptions): Promise<QuestionModerationState> {
  assertCanModerate(options.actor);
  return options.db.$transaction(async (tx) => {
    const question = await loadQuestionForModeration(tx, options.questionId);
    if (!question.lockedAt) throw new AppError("CONFLICT", "The question is not locked");
    const updated = await tx.question.update({ where: { id: question.id }, data: { lockedAt: null }, select: QUESTION_MODERATION_SELECT });
    await writeAuditLog({
      tx,
      actorId: options.actor.id,
      action: "question.unlock",
      targetType: "question",
      targetId: question.id,
      details: { title: question.title },
    });
    return updated;
  });
}
