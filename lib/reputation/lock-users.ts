import type { Prisma } from "../generated/prisma/client";

/** Row-locks users in id order (a fixed order, so concurrent transactions can't deadlock). */
export async function lockUsers(options: { tx: Prisma.TransactionClient; userIds: string[] }): Promise<void> {
  const ids = [...new Set(options.userIds)].sort();
  if (ids.length === 0) return;
  await options.tx.$queryRaw`SELECT "id" FROM "user" WHERE "id" = ANY(${ids}::text[]) ORDER BY "id" FOR UPDATE`;
}
