import type { Redis } from "ioredis";
import type { Actor } from "../auth/actor";
import { invalidate } from "../cache/cached";
import { questionWriteKeys } from "../cache/cache-keys";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import type { Prisma } from "../generated/prisma/client";
import { canWrite } from "../permissions/permissions";
import { parseInput } from "../questions/parse-input";
import { createAnswerInput } from "../questions/question-input";
import type { Answer } from "../questions/types";
import { ANSWER_SELECT, toAnswer } from "./to-answer";

export type CreatedAnswer = { id: number; questionId: number; authorId: string; body: string };

export type CreateAnswerOptions = {
  db: Db;
  actor: Actor | null;
  questionId: number;
  /** Untrusted `{ body }`; validated here. */
  input: unknown;
  /** When given, cached lists that show answer counts are dropped after commit. */
  redis?: Redis;
  /**
   * Runs inside the transaction after the answer is written (outbox rows, plugin bookkeeping):
   * if it throws, nothing is written.
   */
  onWithinTransaction?: (tx: Prisma.TransactionClient, created: CreatedAnswer) => Promise<void>;
};

/**
 * Posts an answer: the row, the question's answerCount and lastActivityAt, and the answerer's
 * follow, in one transaction. Closed, locked or deleted questions refuse answers (409).
 */
export async function createAnswer(options: CreateAnswerOptions): Promise<Answer> {
  const { actor, db } = options;
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to answer");
  if (!canWrite(actor)) throw new AppError("FORBIDDEN", "Your account is banned");
  const input = parseInput(createAnswerInput, options.input);

  const created = await db.$transaction(async (tx) => {
    // Row lock: a concurrent close/lock can't slip between this check and the insert.
    const [question] = await tx.$queryRaw<Array<{ closedAt: Date | null; lockedAt: Date | null; deletedAt: Date | null }>>`
      SELECT "closedAt", "lockedAt", "deletedAt" FROM "question" WHERE "id" = ${options.questionId} FOR UPDATE`;
    if (!question) throw new AppError("NOT_FOUND", "Question not found");
    if (question.deletedAt) throw new AppError("CONFLICT", "This question was deleted");
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

  if (options.redis) await invalidate({ redis: options.redis, keys: questionWriteKeys() });
  const row = await db.answer.findUniqueOrThrow({ where: { id: created.id }, select: ANSWER_SELECT });
  return toAnswer(row, { acceptedAnswerId: null });
}
