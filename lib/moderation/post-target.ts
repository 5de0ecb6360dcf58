import type { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors/app-error";
import type { LedgerSources } from "./ledger-sources";

export type PostTarget = { type: "question" | "answer"; id: number };

/**
 * Locks an answer's question, then the answer, and returns both. Locking the question first
 * (the order answer creation and accepting use too) serialises answerCount changes.
 */
export async function loadAnswerForModeration(tx: Prisma.TransactionClient, answerId: number) {
  const answer = await tx.answer.findUnique({ where: { id: answerId }, select: { questionId: true } });
  if (!answer) throw new AppError("NOT_FOUND", "Answer not found");
  await tx.$queryRaw`SELECT id FROM question WHERE id = ${answer.questionId} FOR UPDATE`;
  await tx.$queryRaw`SELECT id FROM answer WHERE id = ${answerId} FOR UPDATE`;
  return tx.answer.findUniqueOrThrow({
    where: { id: answerId },
    select: {
      id: true,
      authorId: true,
      deletedAt: true,
      questionId: true,
      question: { select: { id: true, title: true, deletedAt: true, acceptedAnswerId: true } },
    },
  });
}

/**
 * The votes and accept whose reputation a question's visibility governs: the votes on the
 * question itself and its accept (when the accepted answer is live). Votes on its answers
 * follow the answers' own visibility, as lib/integrity/check-integrity.ts replays the ledger.
 */
export async function questionLedgerSources(
  tx: Prisma.TransactionClient,
  question: { id: number; acceptedAnswerId: number | null },
): Promise<LedgerSources> {
  const votes = await tx.vote.findMany({ where: { questionId: question.id }, select: { id: true } });
  const accepted = question.acceptedAnswerId
    ? await tx.answer.findUnique({ where: { id: question.acceptedAnswerId }, select: { id: true, deletedAt: true } })
    : null;
  return { voteIds: votes.map((v) => v.id), acceptAnswerIds: accepted && !accepted.deletedAt ? [accepted.id] : [] };
}

/** The votes on an answer, and its accept (if it is the accepted one) unless its question is deleted. */
export async function answerLedgerSources(
  tx: Prisma.TransactionClient,
  answer: { id: number; question: { deletedAt: Date | null } },
): Promise<LedgerSources> {
  const votes = await tx.vote.findMany({ where: { answerId: answer.id }, select: { id: true } });
  return { voteIds: votes.map((v) => v.id), acceptAnswerIds: answer.question.deletedAt ? [] : [answer.id] };
}
