import type { Prisma } from "../generated/prisma/client";
import { lockUsers } from "../reputation/lock-users";
import { ACCEPT_REASONS, DOWNVOTE_REASONS, type LedgerSources, UPVOTE_REASONS } from "./ledger-sources";

/**
 * Gives back what `reverseSourceReputation` took when a post is undeleted: for each vote that
 * still exists and each accept still in place, if it has no live ledger row, the latest
 * reversed rows matching its current state are written again with the amounts they had
 * (so a vote that was capped stays capped). Sources that are live already (e.g. a vote cast
 * again meanwhile) are skipped: nothing is ever counted twice.
 */
export async function restoreSourceReputation(options: {
  tx: Prisma.TransactionClient;
  sources: LedgerSources;
  actorId: string | null;
}): Promise<{ restored: number; userIds: string[] }> {
  const { tx, actorId } = options;
  const { voteIds, acceptAnswerIds } = options.sources;
  if (voteIds.length === 0 && acceptAnswerIds.length === 0) return { restored: 0, userIds: [] };
  const owners = await tx.$queryRaw<Array<{ userId: string }>>`
    SELECT DISTINCT "userId" FROM reputation_event
    WHERE "voteId" = ANY(${voteIds}::int[])
       OR ("answerId" = ANY(${acceptAnswerIds}::int[]) AND "voteId" IS NULL AND reason = ANY(${ACCEPT_REASONS}::text[]))`;
  await lockUsers({ tx, userIds: owners.map((o) => o.userId) });
  const userIds = new Set<string>();
  let restored = 0;
  if (voteIds.length > 0) {
    const rows = await tx.$queryRaw<Array<{ userId: string }>>`
      INSERT INTO reputation_event ("userId", reason, requested, amount, "voteId", "questionId", "answerId", "actorId")
      SELECT DISTINCT ON (e."voteId", e."userId", e.reason)
        e."userId", e.reason, e.requested, e.amount, e."voteId", e."questionId", e."answerId", ${actorId}
      FROM reputation_event e
      JOIN vote v ON v.id = e."voteId"
      WHERE e."voteId" = ANY(${voteIds}::int[])
        AND e."reversesId" IS NULL
        AND ((v.value = 1 AND e.reason = ANY(${UPVOTE_REASONS}::text[])) OR (v.value = -1 AND e.reason = ANY(${DOWNVOTE_REASONS}::text[])))
        AND NOT EXISTS (
          SELECT 1 FROM reputation_event live
          WHERE live."voteId" = e."voteId" AND live."reversesId" IS NULL
            AND NOT EXISTS (SELECT 1 FROM reputation_event r WHERE r."reversesId" = live.id))
      ORDER BY e."voteId", e."userId", e.reason, e.id DESC
      RETURNING "userId"`;
    restored += rows.length;
    for (const row of rows) userIds.add(row.userId);
  }
  if (acceptAnswerIds.length > 0) {
    // Only accepts still in place: the answer is its question's accepted answer.
    const rows = await tx.$queryRaw<Array<{ userId: string }>>`
      INSERT INTO reputation_event ("userId", reason, requested, amount, "voteId", "questionId", "answerId", "actorId")
      SELECT DISTINCT ON (e."answerId", e."userId", e.reason)
        e."userId", e.reason, e.requested, e.amount, NULL, e."questionId", e."answerId", ${actorId}
      FROM reputation_event e
      JOIN question q ON q."acceptedAnswerId" = e."answerId"
      WHERE e."answerId" = ANY(${acceptAnswerIds}::int[])
        AND e."voteId" IS NULL AND e."reversesId" IS NULL AND e.reason = ANY(${ACCEPT_REASONS}::text[])
        AND NOT EXISTS (
          SELECT 1 FROM reputation_event live
          WHERE live."answerId" = e."answerId" AND live."voteId" IS NULL AND live."reversesId" IS NULL
            AND live.reason = ANY(${ACCEPT_REASONS}::text[])
            AND NOT EXISTS (SELECT 1 FROM reputation_event r WHERE r."reversesId" = live.id))
      ORDER BY e."answerId", e."userId", e.reason, e.id DESC
      RETURNING "userId"`;
    restored += rows.length;
    for (const row of rows) userIds.add(row.userId);
  }
  return { restored, userIds: [...userIds] };
}
