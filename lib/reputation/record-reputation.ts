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
 * Appends a ledger row, granting at most what the daily cap leaves for capped gains (SQL:
 * reputation_record, which votes use too). The caller must hold the user's row lock
 * (lockUsers) so concurrent grants can't both see room. Returns the amount granted.
 */
export async function recordReputation(options: { tx: Tx; change: ReputationChange; now?: Date }): Promise<number> {
  const { tx, change } = options;
  // One clock for the cap's day and the row's createdAt, so the row counts in the day it was capped in.
  const now = (options.now ?? new Date()).toISOString();
  const [{ amount }] = await tx.$queryRaw<Array<{ amount: number }>>`
    SELECT reputation_record(${change.userId}, ${change.reason}, ${change.requested}::int, ${[...CAPPED_REASONS]}::text[],
      ${REPUTATION.dailyVoteCap}::int, ${change.actorId ?? null}, ${change.voteId ?? null}::int, ${change.questionId ?? null}::int,
      ${change.answerId ?? null}::int, ${now}::timestamp(3)) AS "amount"`;
  return amount;
}
