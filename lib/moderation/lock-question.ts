import type { Actor } from "../auth/actor";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import { writeAuditLog } from "../audit/write-audit-log";
import { loadQuestionForModeration } from "./load-question-for-moderation";
import { assertCanModerate, QUESTION_MODERATION_SELECT, type QuestionModerationState } from "./moderation-state";

export type LockQuestionOptions = { db: Db; actor: Actor; questionId: number; reason?: string | null };

/** Locks a question (e.g. an edit war or a heated thread): no new answers (409) until unlocked. */
export async function lockQuestion(options: LockQuestionOptions): Promise<QuestionModerationState> {
  assertCanModerate(options.actor);
  const reason = options.reason?.trim().slice(0, 200) || null;
  return options.db.$transaction(async (tx) => {
    const question = await loadQuestionForModeration(tx, options.questionId);
    if (question.lockedAt) throw new AppError("CONFLICT", "The question is already locked");
    const updated = await tx.question.update({ where: { id: question.id }, data: { lockedAt: new Date() }, select: QUESTION_MODERATION_SELECT });
    await writeAuditLog({
      tx,
      actorId: options.actor.id,
      action: "question.lock",
      targetType: "question",
      targetId: question.id,
      details: { title: question.title, reason },
    });
    return updated;
  });
}
