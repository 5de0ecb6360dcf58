import type { Prisma } from "../generated/prisma/client";
import { CAPPED_REASONS, REPUTATION, type ReputationReason } from "./rules";

type Tx = Prisma.TransactionClient;

export type ReputationChange = {
  userId: string;
  reason: ReputationReason;
  requested: number;
  actorId?: string | null;
  voteId?: number | null;
  questionId?: number | null;
  answerId?: number | null;
};

/**
 * Appends a ledger row, granting at most what the daily cap leaves for capped gains. The
 * caller must hold the user's row lock (lockUsers) so concurrent grants can't both see room.
 */
export async function recordReputation(options: { tx: Tx; change: ReputationChange; now?: Date }): Promise<void> {
  const { tx, change } = options;
  let amount = change.requested;
  if (amount > 0 && CAPPED_REASONS.includes(change.reason)) {
    const now = options.now ?? new Date();
    const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const [{ granted }] = await tx.$queryRaw<Array<{ granted: number }>>`
      SELECT COALESCE(SUM("amount"), 0)::int AS "granted" FROM "reputation_event"
      WHERE "userId" = ${change.userId} AND "createdAt" >= ${dayStart}
        AND "reason" IN ('question_upvoted', 'answer_upvoted')`;
    amount = Math.max(0, Math.min(amount, REPUTATION.dailyVoteCap - granted));
  }
  await tx.reputationEvent.create({
    data: {
      userId: change.userId,
      reason: change.reason,
      requested: change.requested,
      amount,
      actorId: change.actorId ?? null,
      voteId: change.voteId ?? null,
      questionId: change.questionId ?? null,
      answerId: change.answerId ?? null,
    },
  });
}
