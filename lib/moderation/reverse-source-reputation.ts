import type { Prisma } from "../generated/prisma/client";
import { lockUsers } from "../reputation/lock-users";
import { ACCEPT_REASONS, type LedgerSources } from "./ledger-sources";

/**
 * Takes back the reputation that these votes and accepts currently give: every live ledger row
 * of theirs (an original row that no reversal points at — including rows the daily cap granted
 * 0 for, so the replay in lib/integrity nets to zero) gets a reversal row negating it, exactly
 * as retracting the vote would. The affected users are row-locked first, in id order like every
 * reputation writer, and ON CONFLICT makes a concurrent retraction harmless. Returns the users
 * whose ledger changed; the caller refreshes their cached reputation in the same transaction.
 */
export async function reverseSourceReputation(options: {
  tx: Prisma.TransactionClient;
  sources: LedgerSources;
  actorId: string | null;
}): Promise<{ reversed: number; userIds: string[] }> {
  const { tx } = options;
  const { voteIds, acceptAnswerIds } = options.sources;
  if (voteIds.length === 0 && acceptAnswerIds.length === 0) return { reversed: 0, userIds: [] };
  const owners = await tx.$queryRaw<Array<{ userId: string }>>`
    SELECT DISTINCT e."userId" FROM reputation_event e
    WHERE e."reversesId" IS NULL
      AND (e."voteId" = ANY(${voteIds}::int[])
        OR (e."answerId" = ANY(${acceptAnswerIds}::int[]) AND e."voteId" IS NULL AND e.reason = ANY(${ACCEPT_REASONS}::text[])))`;
  if (owners.length === 0) return { reversed: 0, userIds: [] };
  await lockUsers({ tx, userIds: owners.map((o) => o.userId) });
  const rows = await tx.$queryRaw<Array<{ userId: string }>>`
    INSERT INTO reputation_event ("userId", reason, requested, amount, "voteId", "questionId", "answerId", "actorId", "reversesId")
    SELECT e."userId", e.reason, -e.requested, -e.amount, e."voteId", e."questionId", e."answerId", ${options.actorId}, e.id
    FROM reputation_event e
    WHERE e."reversesId" IS NULL
      AND NOT EXISTS (SELECT 1 FROM reputation_event r WHERE r."reversesId" = e.id)
      AND (e."voteId" = ANY(${voteIds}::int[])
        OR (e."answerId" = ANY(${acceptAnswerIds}::int[]) AND e."voteId" IS NULL AND e.reason = ANY(${ACCEPT_REASONS}::text[])))
    ORDER BY e.id
    ON CONFLICT ("reversesId") DO NOTHING
    RETURNING "userId"`;
  return { reversed: rows.length, userIds: [...new Set(rows.map((row) => row.userId))] };
}
