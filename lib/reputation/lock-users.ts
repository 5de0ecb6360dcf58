import type { Prisma } from "../generated/prisma/client";

/**
 * Row-locks users in id order (a fixed order, so concurrent reputation writers can't deadlock).
 * FOR NO KEY UPDATE, not FOR UPDATE: it still serialises reputation writers (the daily-cap
 * sum must not race), but it doesn't conflict with the FOR KEY SHARE locks that foreign-key
 * checks take when someone inserts a row pointing at the user (an answer, a vote, a follow).
 * With FOR UPDATE, "U answers Q" (holds KEY SHARE on U, then updates Q's answerCount) and
 * "someone votes on Q" (holds Q, then locks U) deadlock.
 */
export async function lockUsers(options: { tx: Prisma.TransactionClient; userIds: string[] }): Promise<void> {
  const ids = [...new Set(options.userIds)].sort();
  if (ids.length === 0) return;
  await options.tx.$queryRaw`SELECT "id" FROM "user" WHERE "id" = ANY(${ids}::text[]) ORDER BY "id" FOR NO KEY UPDATE`;
}
