import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "../db";
import { type Actor, isBanActive } from "./actor";
import { toRole } from "./roles";
import { sessionCookieValue } from "./session-cookie";
import { forgetSession, rememberSession } from "./session-memo";

export type ResolvedActor =
  | { kind: "anonymous" }
  | { kind: "user"; actor: Actor }
  /** A banned user's session: writes answer 403 (not 401), reads are anonymous. */
  | { kind: "banned"; userId: string };

type SessionRow = { expiresAt: Date; id: string; username: string; role: string; banned: boolean | null; banExpires: Date | null };

/** `user.lastSeenAt` is a "last active" hint, so a few minutes of precision is plenty. */
const LAST_SEEN_INTERVAL_MS = 5 * 60_000;
const LAST_SEEN_MEMORY = 10_000;
/** When this process last wrote each user's lastSeenAt: most requests skip the UPDATE entirely. */
const lastSeenWrites = new Map<string, number>();

/**
 * Resolves the Better-Auth session cookie to an Actor with one indexed query.
 * We read the session row ourselves (rather than auth.api.getSession) because that call
 * deletes expired rows, and a ban expires the user's sessions: keeping the row lets the next
 * write say "banned" (403) instead of "sign in" (401). The cookie is verified exactly as
 * Better-Auth signs it: `token.base64(HMAC-SHA256(secret, token))`. A verified cookie is
 * remembered for a minute for the bell's poll only (session-memo.ts); a failed check forgets it.
 */
export async function resolveActor(options: { headers: Headers; db: Db; secret: string }): Promise<ResolvedActor> {
  const cookie = sessionCookieValue(options.headers.get("cookie"));
  if (!cookie) return { kind: "anonymous" };
  const token = verifySignedToken(safeDecode(cookie), options.secret);
  if (!token) return { kind: "anonymous" };

  // One statement (Prisma's nested select would send two): this runs on every signed-in request.
  const [session] = await options.db.$queryRaw<SessionRow[]>`
    SELECT s."expiresAt", u."id", u."username", u."role", u."banned", u."banExpires"
    FROM "session" s JOIN "user" u ON u."id" = s."userId" WHERE s."token" = ${token}`;
  const banned = session !== undefined && isBanActive(session);
  if (!session || banned || session.expiresAt.getTime() <= Date.now()) {
    forgetSession(cookie);
    return banned ? { kind: "banned", userId: session.id } : { kind: "anonymous" };
  }
  const user = session;
  rememberSession({ cookie, userId: user.id, expiresAt: session.expiresAt });
  touchLastSeen(options.db, user.id);
  return { kind: "user", actor: { id: user.id, username: user.username, role: toRole(user.role), banned: false } };
}

/**
 * Records activity without slowing the request: fire-and-forget, at most once per interval per
 * user and process (the Map), and the WHERE makes other processes' writes within the interval
 * no-ops. A failed write only leaves the hint stale, so errors are swallowed.
 */
function touchLastSeen(db: Db, userId: string): void {
  const now = Date.now();
  const last = lastSeenWrites.get(userId);
  if (last !== undefined && now - last < LAST_SEEN_INTERVAL_MS) return;
  // Re-insert so Map order is least recently written first; forget the oldest past the cap.
  lastSeenWrites.delete(userId);
  lastSeenWrites.set(userId, now);
  if (lastSeenWrites.size > LAST_SEEN_MEMORY) lastSeenWrites.delete(lastSeenWrites.keys().next().value as string);
  const before = new Date(now - LAST_SEEN_INTERVAL_MS);
  void db.user
    .updateMany({ where: { id: userId, OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: before } }] }, data: { lastSeenAt: new Date(now) } })
    .catch(() => undefined);
}

function verifySignedToken(value: string, secret: string): string | null {
  const dot = value.lastIndexOf(".");
  if (dot <= 0) return null;
  const token = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), "base64");
  const expected = createHmac("sha256", secret).update(token).digest();
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
