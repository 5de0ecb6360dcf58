import type { Db } from "../db";
import { checkIntegrity } from "../integrity/check-integrity";

/** After bulk loads: recompute every cached aggregate from the source rows. */
export async function refreshAllAggregates(options: { db: Db }): Promise<void> {
  await options.db.$executeRaw`
    UPDATE "question" q SET "lastActivityAt" = GREATEST(q."createdAt", COALESCE(
      (SELECT max(a."createdAt") FROM "answer" a WHERE a."questionId" = q."id"), q."createdAt"))`;
  await checkIntegrity({ db: options.db, fix: true });
}
