import type { Redis } from "ioredis";
import { prefixedKey } from "../redis";

/** A local count is trusted this long at most, even if an announcement was somehow missed. */
export const LOCAL_COUNT_TTL_MS = 60_000;
const MAX_USERS = 100_000;

const REGISTRY = Symbol.for("community-engine.local-unread-counts");
type Registry = { forget(userIds: string[]): void };

/** Pub/sub channel announcing whose counts changed (comma-separated ids): every web process's copy listens. */
export function unreadChangedChannel(redisPrefix?: string): string {
  return prefixedKey(redisPrefix, "unread-changed");
}

/**
 * Drops this process's copies at once (invalidateUnreadCounts calls it): a write made in the web
 * process itself — "mark all read" — must show on the very next poll, before its announcement
 * comes back through Redis.
 */
export function forgetLocalUnreadCounts(userIds: string[]): void {
  (globalThis as unknown as Record<symbol, Registry | undefined>)[REGISTRY]?.forget(userIds);
}

export type LocalUnreadCounts = {
  /** The user's count if held and fresh (and the subscription is live), else null. */
  get(userId: string, now?: number): number | null;
  /** Call before reading the count from Redis; pass the result to `fill`. */
  snapshot(userId: string): number;
  /** Keeps a count read from Redis, unless it changed (was announced) since `snapshot`. */
  fill(userId: string, count: number, snapshot: number, now?: number): void;
};

/**
 * The web process's own copy of bell counts, so an idle poll needs no I/O at all
 * (lib/notifications/bell-fast-path.ts). Redis stays the source: a copy is filled only from it
 * and dropped when a writer announces a change on the `unread-changed` channel
 * (invalidateUnreadCounts). Nothing is served while the subscription is down, and everything is
 * dropped when it comes back (announcements may have been missed meanwhile). A per-user change
 * counter makes a fill that raced an announcement a no-op, so a count read before a change can't
 * be kept after it. Writes from other processes reach the copy when their announcement arrives
 * (a millisecond or so on a local Redis); writes from this process drop it synchronously
 * (forgetLocalUnreadCounts, through globalThis: Next's bundle and the preload are two module graphs).
 */
export function createLocalUnreadCounts(options: { subscriber: Redis; redisPrefix?: string }): LocalUnreadCounts {
  const channel = unreadChangedChannel(options.redisPrefix);
  const counts = new Map<string, { count: number; storedAt: number }>();
  const changes = new Map<string, number>();
  let epoch = 0;
  let live = false;
  const reset = () => {
    counts.clear();
    changes.clear();
    epoch++;
  };

  const { subscriber } = options;
  subscriber.on("ready", () => {
    reset();
    subscriber.subscribe(channel).then(
      () => (live = true),
      () => (live = false),
    );
  });
  for (const event of ["close", "end", "error"]) subscriber.on(event, () => (live = false));
  const forget = (userIds: string[]) => {
    for (const userId of userIds) {
      counts.delete(userId);
      changes.set(userId, (changes.get(userId) ?? 0) + 1);
    }
    if (changes.size > MAX_USERS) reset();
  };
  subscriber.on("message", (from: string, message: string) => {
    if (from === channel) forget(message.split(","));
  });
  (globalThis as unknown as Record<symbol, Registry | undefined>)[REGISTRY] = { forget };

  return {
    get(userId, now = Date.now()) {
      if (!live) return null;
      const entry = counts.get(userId);
      if (!entry) return null;
      if (now - entry.storedAt < LOCAL_COUNT_TTL_MS) return entry.count;
      counts.delete(userId);
      return null;
    },
    snapshot(userId) {
      // Epoch and change counter in one number: epochs never reach 2^21, counters stay far below 2^31.
      return epoch * 2 ** 31 + (changes.get(userId) ?? 0);
    },
    fill(userId, count, snapshot, now = Date.now()) {
      if (!live || snapshot !== epoch * 2 ** 31 + (changes.get(userId) ?? 0)) return;
      if (counts.size >= MAX_USERS) counts.delete(counts.keys().next().value as string);
      counts.set(userId, { count, storedAt: now });
    },
  };
}
