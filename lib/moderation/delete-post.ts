import type { Actor } from "../auth/actor";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors/app-error";
import { refreshReputation } from "../reputation/refresh-reputation";
import { writeAuditLog } from "../audit/write-audit-log";
import { loadQuestionForModeration } from "./load-question-for-moderation";
import { assertCanModerate } from "./moderation-state";
import { answerLedgerSources, loadAnswerForModeration, type PostTarget, questionLedgerSources } from "./post-target";
import { reverseSourceReputation } from "./reverse-source-reputation";

export type DeletePostOptions = { db: Db; actor: Actor; target: PostTarget; reason?: string | null };

export type DeletePostResult = { type: "question" | "answer"; id: number; deletedAt: Date; reputationEventsReversed: number };

/**
 * Soft-deletes a question or an answer (hidden from everyone but staff; undeletable), and in
 * the same transaction corrects what it counted in: the question's answerCount, its tags'
 * questionCount, and reputation — the effects of the votes on the post and of its accept are
 * reversed in the ledger, as retracting them would (lib/integrity replays exactly this).
 */
export async function deletePost(options: DeletePostOptions): Promise<DeletePostResult> {
  assertCanModerate(options.actor);
  const reason = options.reason?.trim().slice(0, 200) || null;
  const actorId = options.actor.id;
  return options.db.$transaction(async (tx) => {
    const deletedAt = new Date();
    let reversal: { reversed: number; userIds: string[] };
    if (options.target.type === "question") {
      const question = await loadQuestionForModeration(tx, options.target.id);
      if (question.deletedAt) throw new AppError("CONFLICT", "The question is already deleted");
      await tx.question.update({ where: { id: question.id }, data: { deletedAt } });
      await adjustTagCounts(tx, question.id, -1);
      reversal = await reverseSourceReputation({ tx, sources: await questionLedgerSources(tx, question), actorId });
      await audit(tx, actorId, "question.delete", "question", question.id, { title: question.title, reason, reputationEventsReversed: reversal.reversed });
    } else {
      const answer = await loadAnswerForModeration(tx, options.target.id);
      if (answer.deletedAt) throw new AppError("CONFLICT", "The answer is already deleted");
      await tx.answer.update({ where: { id: answer.id }, data: { deletedAt } });
      await tx.question.update({ where: { id: answer.questionId }, data: { answerCount: { decrement: 1 } } });
      reversal = await reverseSourceReputation({ tx, sources: await answerLedgerSources(tx, answer), actorId });
      await audit(tx, actorId, "answer.delete", "answer", answer.id, {
        questionId: answer.questionId,
        reason,
        reputationEventsReversed: reversal.reversed,
      });
    }
    await refreshReputation({ tx, userIds: reversal.userIds });
    return { type: options.target.type, id: options.target.id, deletedAt, reputationEventsReversed: reversal.reversed };
  });
}

/** +1/-1 on the questionCount of every tag of a question. */
export async function adjustTagCounts(tx: Prisma.TransactionClient, questionId: number, delta: 1 | -1): Promise<void> {
  await tx.$executeRaw`
    UPDATE tag SET "questionCount" = "questionCount" + ${delta}
    WHERE id IN (SELECT "tagId" FROM question_tag WHERE "questionId" = ${questionId})`;
}

function audit(tx: Prisma.TransactionClient, actorId: string, action: string, targetType: "question" | "answer", id: number, details: Prisma.InputJsonObject) {
  return writeAuditLog({ tx, actorId, action, targetType, targetId: id, details });
}
