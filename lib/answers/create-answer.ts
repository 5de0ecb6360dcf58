import type { Actor } from "../auth/actor";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import type { Prisma } from "../generated/prisma/client";
import { canWrite } from "../permissions/permissions";
import { parseInput } from "../questions/parse-input";
import { createAnswerInput } from "../questions/question-input";

export type CreatedAnswer = { id: number; questionId: number; authorId: string; body: string };

export type CreateAnswerOptions = {
  db: Db;
  actor: Actor | null;
  questionId: number;
  input: unknown;
  /** Runs inside the transaction (outbox rows): all or nothing. */
  onWithinTransaction?: (tx: Prisma.TransactionClient, created: CreatedAnswer) => Promise<void>;
};

/**
 * Posts an answer: the row, the question's answerCount and lastActivityAt, and the answerer's
 * follow, in one transaction. Closed, locked or deleted questions refuse answers (409).
 */
export async function createAnswer(options: CreateAnswerOptions): Promise<CreatedAnswer> {
  const { actor } = options;
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to answer");
  if (!canWrite(actor)) throw new AppError("FORBIDDEN", "Your account is banned");
  const input = parseInput(createAnswerInput, options.input);

  return options.db.$transaction(async (tx) => {
    // Row lock: a concurrent close/lock can't slip between this check and the insert.
    const [question] = await tx.$queryRaw<Array<{ closedAt: Date | null; lockedAt: Date | null; deletedAt: Date | null }>>`
      SELECT "closedAt", "lockedAt", "deletedAt" FROM "question" WHERE "id" = ${options.questionId} FOR UPDATE`;
    if (!question || question.deletedAt) throw new AppError("NOT_FOUND", "Question not found");
    if (question.closedAt) throw new AppError("CONFLICT", "This question is closed to new answers");
    if (question.lockedAt) throw new AppError("CONFLICT", "This question is locked");

    const answer = await tx.answer.create({
      data: { questionId: options.questionId, authorId: actor.id, body: input.body },
      select: { id: true, questionId: true, authorId: true, body: true },
    });
    await tx.question.update({
      where: { id: options.questionId },
      data: { answerCount: { increment: 1 }, lastActivityAt: new Date() },
    });
    await tx.follow.createMany({ data: [{ userId: actor.id, questionId: options.questionId }], skipDuplicates: true });
    await options.onWithinTransaction?.(tx, answer);
    return answer;
  });
}
