import type { IncomingMessage, ServerResponse } from "node:http";
import type { Redis } from "ioredis";
import { sessionCookieValue } from "../auth/session-cookie";
import { recallSession } from "../auth/session-memo";
import type { LocalUnreadCounts } from "./local-unread-counts";
import { getCachedUnreadCount } from "./unread-count-cache";
import { etagMatches, unreadCountEtag, unreadCountHeaders } from "./unread-count-etag";

export const UNREAD_COUNT_PATH = "/api/v1/notifications/unread-count";

export type BellFastPathOptions = {
  /** Resolved on first use, so a server that never sees a poll opens no connection. */
  redis: () => Redis;
  redisPrefix?: string;
  /** The process's own copy of counts (first place looked; filled from Redis). */
  local?: () => LocalUnreadCounts;
};

/**
 * Answers `GET /api/v1/notifications/unread-count` in plain node:http, before Next: every open
 * tab polls it every 15 s, and Next's route pipeline alone costs ~1 ms a request. It answers only
 * when the caches hold the answer — a session cookie verified within the minute (session memo)
 * and the user's count (the process's local copy, else Redis) — with exactly the route's
 * response (same ETag, 304, headers);
 * anything else (unknown cookie, cold or down Redis) returns false and Next's route answers.
 */
export function createBellFastPath(options: BellFastPathOptions): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const cookie = sessionCookieValue(req.headers.cookie);
    const userId = cookie ? recallSession(cookie) : null;
    if (!userId) return false;
    const local = options.local?.();
    let count = local?.get(userId) ?? null;
    if (count === null) {
      const snapshot = local?.snapshot(userId) ?? 0;
      try {
        count = (await getCachedUnreadCount({ redis: options.redis(), userId, redisPrefix: options.redisPrefix })).count;
      } catch {
        return false;
      }
      if (count === null || !Number.isFinite(count)) return false;
      local?.fill(userId, count, snapshot);
    }
    const etag = unreadCountEtag(userId, count);
    const headers = unreadCountHeaders(etag);
    if (etagMatches(req.headers["if-none-match"] ?? null, etag)) {
      res.writeHead(304, headers).end();
      return true;
    }
    const body = JSON.stringify({ count });
    res.writeHead(200, { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) }).end(body);
    return true;
  };
}

/** Whether a request is the bell's poll (path exactly, any query string). */
export function isUnreadCountPoll(req: IncomingMessage): boolean {
  if (req.method !== "GET" || !req.url) return false;
  return req.url === UNREAD_COUNT_PATH || req.url.startsWith(`${UNREAD_COUNT_PATH}?`);
}
