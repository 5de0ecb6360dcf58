import type { Actor } from "../auth/actor";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import type { Prisma } from "../generated/prisma/client";
import { canAccept, canWrite } from "../permissions/permissions";
import { lockUsers } from "../reputation/lock-users";
import { recordReputation } from "../reputation/record-reputation";
import { refreshReputation } from "../reputation/refresh-reputation";
import { reverseReputation } from "../reputation/reverse-reputation";
import { REPUTATION } from "../reputation/rules";

const ACCEPT_REASONS = ["answer_accepted", "accepted_answer"];

export type AcceptResult = { acceptedAnswerId: number | null; questionId: number; answerAuthorId: string; accepted: boolean };

export type AcceptAnswerOptions = {
  db: Db;
  actor: Actor | null;
  answerId: number;
  onWithinTransaction?: (tx: Prisma.TransactionClient, result: AcceptResult) => Promise<void>;
};

/**
 * Accepts an answer (question author only); accepting the accepted answer again un-accepts it,
 * accepting another moves the accept. +15 to the answerer and +2 to the asker, reversed exactly
 * on un-accept; accepting your own answer earns nothing.
 */
export async function acceptAnswer(options: AcceptAnswerOptions): Promise<AcceptResult> {
  const { actor } = options;
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to accept an answer");
  if (!canWrite(actor)) throw new AppError("FORBIDDEN", "Your account is banned");

  return options.db.$transaction(async (tx) => {
    const located = await tx.answer.findUnique({ where: { id: options.answerId }, select: { questionId: true } });
    if (!located) throw new AppError("NOT_FOUND", "Answer not found");
    // The question's row lock serialises accepts on it and answer (un)deletion (moderation
    // locks the question first too), so the answer is re-read under it.
    const [question] = await tx.$queryRaw<Array<{ authorId: string; acceptedAnswerId: number | null; deletedAt: Date | null }>>`
      SELECT "authorId", "acceptedAnswerId", "deletedAt" FROM "question" WHERE "id" = ${located.questionId} FOR UPDATE`;
    const answer = await tx.answer.findUnique({ where: { id: options.answerId }, select: { id: true, authorId: true, questionId: true, deletedAt: true } });
    if (!question || question.deletedAt || !answer || answer.deletedAt) throw new AppError("NOT_FOUND", "Answer not found");
    if (!canAccept(actor, question)) throw new AppError("FORBIDDEN", "Only the person who asked can accept an answer");

    const previous = question.acceptedAnswerId;
    const accepting = previous !== answer.id;
    const previousAuthor = previous
      ? (await tx.answer.findUnique({ where: { id: previous }, select: { authorId: true } }))?.authorId
      : undefined;
    await lockUsers({ tx, userIds: [actor.id, answer.authorId, ...(previousAuthor ? [previousAuthor] : [])] });

    const touched = previous ? await reverseReputation({ tx, where: { answerId: previous, reasons: ACCEPT_REASONS } }) : [];
    await tx.question.update({ where: { id: answer.questionId }, data: { acceptedAnswerId: accepting ? answer.id : null } });
    if (accepting && answer.authorId !== actor.id) {
      const source = { answerId: answer.id, questionId: answer.questionId, actorId: actor.id };
      await recordReputation({ tx, change: { ...source, userId: answer.authorId, reason: "answer_accepted", requested: REPUTATION.answerAccepted } });
      await recordReputation({ tx, change: { ...source, userId: actor.id, reason: "accepted_answer", requested: REPUTATION.acceptedBonus } });
      touched.push(answer.authorId, actor.id);
    }
    await refreshReputation({ tx, userIds: touched });
    const result = { acceptedAnswerId: accepting ? answer.id : null, questionId: answer.questionId, answerAuthorId: answer.authorId, accepted: accepting };
    await options.onWithinTransaction?.(tx, result);
    return result;
  });
}
