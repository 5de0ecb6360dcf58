import type { Db } from "../db";
import { ROLES, type Role } from "../auth/roles";
import { AppError } from "../errors/app-error";
import { writeAuditLog } from "../audit/write-audit-log";
import { findUser } from "./find-user";
import { assertAdmin, type Operator, operatorId } from "./operator";

export type SetUserRoleOptions = { db: Db; operator: Operator; login: string; role: string };

/** Makes a user an admin, a moderator or a plain user. */
export async function setUserRole(options: SetUserRoleOptions): Promise<{ id: string; username: string; role: Role; previousRole: string }> {
  assertAdmin(options.operator);
  if (!(ROLES as readonly string[]).includes(options.role)) {
    throw new AppError("VALIDATION_FAILED", `Invalid role "${options.role}": use ${ROLES.join(", ")}`, {
      fields: { role: `must be one of ${ROLES.join(", ")}` },
    });
  }
  const role = options.role as Role;
  const user = await findUser({ db: options.db, login: options.login });
  // An admin demoting themselves from the web could lock everyone out; the CLI can always fix it.
  if (options.operator !== "cli" && options.operator.id === user.id && role !== "admin") {
    throw new AppError("CONFLICT", "You cannot change your own role");
  }
  await options.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { role } });
    await writeAuditLog({
      tx,
      actorId: operatorId(options.operator),
      action: "user.set_role",
      targetType: "user",
      targetId: user.id,
      details: { username: user.username, from: user.role, to: role },
    });
  });
  return { id: user.id, username: user.username, role, previousRole: user.role };
}
