import type { Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient;

/**
 * Reverses every not-yet-reversed ledger row matching `where` (a vote's, an accept's): each
 * reversal takes back exactly what its row granted. Returns the users whose sum changed.
 */
export async function reverseReputation(options: {
  tx: Tx;
  where: { voteId?: number; answerId?: number; reasons?: string[] };
}): Promise<string[]> {
  const { tx, where } = options;
  const rows = await tx.reputationEvent.findMany({
    where: {
      voteId: where.voteId,
      answerId: where.answerId,
      reason: where.reasons ? { in: where.reasons } : undefined,
      reversesId: null,
    },
    select: { id: true, userId: true, reason: true, requested: true, amount: true, voteId: true, questionId: true, answerId: true, actorId: true },
  });
  if (rows.length === 0) return [];
  const reversed = await tx.reputationEvent.findMany({
    where: { reversesId: { in: rows.map((row) => row.id) } },
    select: { reversesId: true },
  });
  const done = new Set(reversed.map((row) => row.reversesId));
  const live = rows.filter((row) => !done.has(row.id));
  if (live.length === 0) return [];
  const createdAt = new Date(); // the app's UTC clock, as recordReputation stamps its rows
  await tx.reputationEvent.createMany({
    data: live.map((row) => ({
      userId: row.userId,
      reason: row.reason,
      requested: -row.requested,
      amount: -row.amount,
      voteId: row.voteId,
      questionId: row.questionId,
      answerId: row.answerId,
      actorId: row.actorId,
      reversesId: row.id,
      createdAt,
    })),
  });
  return [...new Set(live.map((row) => row.userId))];
}
