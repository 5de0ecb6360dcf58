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
  // One clock for the cap's day and the row's createdAt, so the row counts in the day it was capped in.
  const now = options.now ?? new Date();
  if (amount > 0 && CAPPED_REASONS.includes(change.reason)) {
    const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    // What today's vote grants still give: a retracted one frees its room, but taking back a
    // grant from an earlier day doesn't make room today.
    const [{ granted }] = await tx.$queryRaw<Array<{ granted: number }>>`
      SELECT COALESCE(SUM(g."amount" + COALESCE(r."amount", 0)), 0)::int AS "granted"
      FROM "reputation_event" g LEFT JOIN "reputation_event" r ON r."reversesId" = g."id"
      WHERE g."userId" = ${change.userId} AND g."createdAt" >= ${dayStart} AND g."reversesId" IS NULL
        AND g."reason" = ANY(${[...CAPPED_REASONS]}::text[])`;
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
      createdAt: now,
    },
  });
}
