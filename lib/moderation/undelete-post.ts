import type { Actor } from "../auth/actor";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import { refreshReputation } from "../reputation/refresh-reputation";
import { writeAuditLog } from "../audit/write-audit-log";
import { adjustTagCounts } from "./delete-post";
import { loadQuestionForModeration } from "./load-question-for-moderation";
import { assertCanModerate } from "./moderation-state";
import { answerLedgerSources, loadAnswerForModeration, type PostTarget, questionLedgerSources } from "./post-target";
import { restoreSourceReputation } from "./restore-source-reputation";

export type UndeletePostOptions = { db: Db; actor: Actor; target: PostTarget };

export type UndeletePostResult = { type: "question" | "answer"; id: number; reputationEventsRestored: number };

/**
 * Brings a soft-deleted post back and re-applies what deleting it took away: counts, and the
 * reputation of the votes and accept still in place (an accept counts again only once both the
 * answer and its question are live).
 */
export async function undeletePost(options: UndeletePostOptions): Promise<UndeletePostResult> {
  assertCanModerate(options.actor);
  const actorId = options.actor.id;
  return options.db.$transaction(async (tx) => {
    let restoration = { restored: 0, userIds: [] as string[] };
    if (options.target.type === "question") {
      const question = await loadQuestionForModeration(tx, options.target.id);
      if (!question.deletedAt) throw new AppError("CONFLICT", "The question is not deleted");
      await tx.question.update({ where: { id: question.id }, data: { deletedAt: null } });
      await adjustTagCounts(tx, question.id, 1);
      restoration = await restoreSourceReputation({ tx, sources: await questionLedgerSources(tx, question), actorId });
      await writeAuditLog({
        tx,
        actorId,
        action: "question.undelete",
        targetType: "question",
        targetId: question.id,
        details: { title: question.title, reputationEventsRestored: restoration.restored },
      });
    } else {
      const answer = await loadAnswerForModeration(tx, options.target.id);
      if (!answer.deletedAt) throw new AppError("CONFLICT", "The answer is not deleted");
      await tx.answer.update({ where: { id: answer.id }, data: { deletedAt: null } });
      await tx.question.update({ where: { id: answer.questionId }, data: { answerCount: { increment: 1 } } });
      restoration = await restoreSourceReputation({ tx, sources: await answerLedgerSources(tx, answer), actorId });
      await writeAuditLog({
        tx,
        actorId,
        action: "answer.undelete",
        targetType: "answer",
        targetId: answer.id,
        details: { questionId: answer.questionId, reputationEventsRestored: restoration.restored },
      });
    }
    await refreshReputation({ tx, userIds: restoration.userIds });
    return { type: options.target.type, id: options.target.id, reputationEventsRestored: restoration.restored };
  });
}
