/**
 * The session cookies this process verified in the last minute, and whose user they are: lets
 * the bell's poll skip Postgres (lib/notifications/bell-fast-path.ts). Only resolveActor writes
 * it, after checking the cookie's signature and the session row, and forgets a cookie as soon as
 * a check finds it signed out, expired or banned. So a sign-out or ban reaches the bell's count
 * within SESSION_MEMO_TTL_MS at worst; every other route checks Postgres on every request.
 *
 * It lives on globalThis because two module graphs share it: Next's bundle (which fills it) and
 * the web server's preload (which reads it, before Next sees the request).
 */
export const SESSION_MEMO_TTL_MS = 60_000;
const MAX_ENTRIES = 50_000;
const KEY = Symbol.for("community-engine.session-memo");

type Entry = { userId: string; validUntil: number };

function memo(): Map<string, Entry> {
  const holder = globalThis as unknown as Record<symbol, Map<string, Entry> | undefined>;
  return (holder[KEY] ??= new Map());
}

export function rememberSession(options: { cookie: string; userId: string; expiresAt: Date; now?: number }): void {
  const now = options.now ?? Date.now();
  const entries = memo();
  // Re-insert so Map order is oldest first; forget the oldest past the cap.
  entries.delete(options.cookie);
  entries.set(options.cookie, { userId: options.userId, validUntil: Math.min(now + SESSION_MEMO_TTL_MS, options.expiresAt.getTime()) });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
}

/** The user of a cookie verified less than a minute ago (and not expired since), else null. */
export function recallSession(cookie: string, now = Date.now()): string | null {
  const entry = memo().get(cookie);
  if (!entry) return null;
  if (entry.validUntil > now) return entry.userId;
  memo().delete(cookie);
  return null;
}

export function forgetSession(cookie: string): void {
  memo().delete(cookie);
}
