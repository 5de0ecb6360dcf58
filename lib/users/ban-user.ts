import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import { writeAuditLog } from "../audit/write-audit-log";
import { expireUserSessions } from "./expire-user-sessions";
import { findUser } from "./find-user";
import { assertAdmin, type Operator, operatorId } from "./operator";

export type BanUserOptions = {
  db: Db;
  operator: Operator;
  login: string;
  reason?: string | null;
  /** When the ban ends by itself; absent = until unbanned. */
  until?: Date | null;
};

export type BanUserResult = { id: string; username: string; banExpires: Date | null; sessionsEnded: number };

/**
 * Bans a user and ends their sessions in the same transaction, so a request in flight on
 * another web process is refused on its next write. Better-Auth's admin plugin refuses their
 * sign-in while the ban lasts and lifts an expired ban at the next sign-in.
 */
export async function banUser(options: BanUserOptions): Promise<BanUserResult> {
  assertAdmin(options.operator);
  const until = options.until ?? null;
  if (until && (Number.isNaN(until.getTime()) || until.getTime() <= Date.now())) {
    throw new AppError("VALIDATION_FAILED", "The ban must end in the future", { fields: { until: "must be a future date" } });
  }
  const reason = options.reason?.trim() || null;
  const user = await findUser({ db: options.db, login: options.login });
  if (options.operator !== "cli" && options.operator.id === user.id) {
    throw new AppError("CONFLICT", "You cannot ban yourself");
  }
  const sessionsEnded = await options.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { banned: true, banReason: reason, banExpires: until } });
    const ended = await expireUserSessions({ tx, userId: user.id });
    await writeAuditLog({
      tx,
      actorId: operatorId(options.operator),
      action: "user.ban",
      targetType: "user",
      targetId: user.id,
      details: { username: user.username, reason, until: until?.toISOString() ?? null, sessionsEnded: ended },
    });
    return ended;
  });
  return { id: user.id, username: user.username, banExpires: until, sessionsEnded };
}
