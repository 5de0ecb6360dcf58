import type { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors/app-error";

/**
 * Reads and row-locks a question inside a moderation transaction, so two moderators acting at
 * once are serialised and each sees the other's result. NOT_FOUND when it doesn't exist.
 */
export async function loadQuestionForModeration(tx: Prisma.TransactionClient, questionId: number) {
  const locked = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM question WHERE id = ${questionId} FOR UPDATE`;
  if (locked.length === 0) throw new AppError("NOT_FOUND", "Question not found");
  return tx.question.findUniqueOrThrow({
    where: { id: questionId },
    select: { id: true, title: true, authorId: true, closedAt: true, closedReason: true, duplicateOfId: true, lockedAt: true, deletedAt: true, acceptedAnswerId: true },
  });
}
