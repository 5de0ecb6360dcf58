import type { Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient;

/**
 * Reverses every not-yet-reversed ledger row of a vote, or of an answer (optionally only some
 * reasons): each reversal takes back exactly what its row granted (SQL: reputation_reverse,
 * which votes use too). Returns the users whose sum changed.
 */
export async function reverseReputation(options: {
  tx: Tx;
  where: { voteId: number; reasons?: string[] } | { answerId: number; reasons?: string[] };
}): Promise<string[]> {
  const { tx, where } = options;
  const voteId = "voteId" in where ? where.voteId : null;
  const answerId = "answerId" in where ? where.answerId : null;
  const rows = await tx.$queryRaw<Array<{ userId: string }>>`
    SELECT reputation_reverse(${voteId}::int, ${answerId}::int, ${where.reasons ?? null}::text[], ${new Date().toISOString()}::timestamp(3)) AS "userId"`;
  return [...new Set(rows.map((row) => row.userId))];
}
