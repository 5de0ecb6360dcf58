import type { Prisma } from "../generated/prisma/client";

/** Recomputes the cached `User.reputation = max(1, 1 + sum(ledger))` for these users. */
export async function refreshReputation(options: { tx: Prisma.TransactionClient; userIds: string[] }): Promise<void> {
  const ids = [...new Set(options.userIds)];
  if (ids.length === 0) return;
  await options.tx.$executeRaw`
    UPDATE "user" u SET "reputation" = GREATEST(1, 1 + COALESCE(
      (SELECT SUM(e."amount") FROM "reputation_event" e WHERE e."userId" = u."id"), 0))
    WHERE u."id" = ANY(${ids}::text[])`;
}
