import type { AuditTx } from "../audit/write-audit-log";

/**
 * Ends every live session of a user at once by moving its expiry to now. The rows are kept on
 * purpose: lib/auth/resolve-actor.ts still finds them, so a banned user's next write gets 403
 * "banned" rather than a confusing 401. Returns how many sessions were live.
 */
export async function expireUserSessions(options: { tx: AuditTx; userId: string }): Promise<number> {
  const now = new Date();
  const result = await options.tx.session.updateMany({
    where: { userId: options.userId, expiresAt: { gt: now } },
    data: { expiresAt: now },
  });
  return result.count;
}
