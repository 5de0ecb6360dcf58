import type { Prisma } from "../generated/prisma/client";

/** Recomputes the cached `User.reputation = max(1, 1 + sum(ledger))` for these users (SQL: reputation_refresh). */
export async function refreshReputation(options: { tx: Prisma.TransactionClient; userIds: string[] }): Promise<void> {
  const ids = [...new Set(options.userIds)];
  if (ids.length === 0) return;
  await options.tx.$executeRaw`SELECT reputation_refresh(${ids}::text[])`;
}
