import type { Db } from "../db";
import { writeAuditLog } from "../audit/write-audit-log";
import { findUser } from "./find-user";
import { assertAdmin, type Operator, operatorId } from "./operator";

export type UnbanUserOptions = { db: Db; operator: Operator; login: string };

/** Lifts a ban. Sessions ended by the ban stay ended: the user signs in again. */
export async function unbanUser(options: UnbanUserOptions): Promise<{ id: string; username: string; wasBanned: boolean }> {
  assertAdmin(options.operator);
  const user = await findUser({ db: options.db, login: options.login });
  const wasBanned = await options.db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { banned: true } });
    await tx.user.update({ where: { id: user.id }, data: { banned: false, banReason: null, banExpires: null } });
    await writeAuditLog({
      tx,
      actorId: operatorId(options.operator),
      action: "user.unban",
      targetType: "user",
      targetId: user.id,
      details: { username: user.username, wasBanned: before.banned },
    });
    return before.banned;
  });
  return { id: user.id, username: user.username, wasBanned };
}
