import { randomBytes, randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { Db } from "../db";
import { writeAuditLog } from "../audit/write-audit-log";
import { expireUserSessions } from "./expire-user-sessions";
import { findUser } from "./find-user";
import { assertAdmin, type Operator, operatorId } from "./operator";

export type ResetUserPasswordOptions = { db: Db; operator: Operator; login: string };

/**
 * Sets a new random password (144 bits, base64url: 24 characters) with Better-Auth's own
 * hashing, and signs the user out everywhere. The password is returned once and never stored
 * or logged in clear.
 */
export async function resetUserPassword(options: ResetUserPasswordOptions): Promise<{ id: string; username: string; password: string; sessionsEnded: number }> {
  assertAdmin(options.operator);
  const user = await findUser({ db: options.db, login: options.login });
  const password = randomBytes(18).toString("base64url");
  const hash = await hashPassword(password);
  const sessionsEnded = await options.db.$transaction(async (tx) => {
    const updated = await tx.account.updateMany({
      where: { userId: user.id, providerId: "credential" },
      data: { password: hash },
    });
    // A user without a password account (e.g. created by hand) gets one, as sign-up would.
    if (updated.count === 0) {
      await tx.account.create({
        data: { id: randomUUID(), accountId: user.id, providerId: "credential", userId: user.id, password: hash },
      });
    }
    const ended = await expireUserSessions({ tx, userId: user.id });
    await writeAuditLog({
      tx,
      actorId: operatorId(options.operator),
      action: "user.reset_password",
      targetType: "user",
      targetId: user.id,
      details: { username: user.username, sessionsEnded: ended },
    });
    return ended;
  });
  return { id: user.id, username: user.username, password, sessionsEnded };
}
