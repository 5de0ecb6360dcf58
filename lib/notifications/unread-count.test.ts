import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db";
import { createRedis } from "../redis";
import { createMigratedTestDatabase } from "../../test/helpers/migrated-test-database";
import { makeUser } from "../../test/helpers/notify-fixtures";
import { freePort } from "../../test/helpers/test-server";
import { readUnreadCount } from "./read-unread-count";
import { fillUnreadCount, getCachedUnreadCount, invalidateUnreadCounts } from "./unread-count-cache";
import { etagMatches, unreadCountEtag } from "./unread-count-etag";

const PREFIX = `t-unread-${randomUUID().slice(0, 8)}`;
let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
let db: Db;
let redis: Redis;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createDb({ databaseUrl: database.url, max: 2 });
  redis = new Redis(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
});

afterAll(async () => {
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await db?.$disconnect();
  await database?.drop();
});

describe("unread count cache", () => {
  it("misses to Postgres, then serves from Redis until invalidated", async () => {
    const user = await makeUser(db, "uc_one");
    await db.user.update({ where: { id: user.id }, data: { unreadCount: 3 } });
    expect(await readUnreadCount({ db, redis, userId: user.id, redisPrefix: PREFIX })).toEqual({ count: 3, source: "db" });
    await db.user.update({ where: { id: user.id }, data: { unreadCount: 4 } });
    expect(await readUnreadCount({ db, redis, userId: user.id, redisPrefix: PREFIX })).toEqual({ count: 3, source: "redis" });
    expect(await invalidateUnreadCounts({ redis, userIds: [user.id], redisPrefix: PREFIX })).toBe(true);
    expect(await readUnreadCount({ db, redis, userId: user.id, redisPrefix: PREFIX })).toEqual({ count: 4, source: "db" });
    expect(await redis.ttl(`${PREFIX}:unread:${user.id}`)).toBeGreaterThan(0);
  });

  it("a value read before a concurrent invalidation is not cached after it", async () => {
    const userId = randomUUID();
    const seen = await getCachedUnreadCount({ redis, userId, redisPrefix: PREFIX }); // reader misses
    await invalidateUnreadCounts({ redis, userIds: [userId], redisPrefix: PREFIX }); // writer commits + invalidates
    await fillUnreadCount({ redis, userId, gen: seen.gen, count: 7, redisPrefix: PREFIX }); // stale fill
    expect((await getCachedUnreadCount({ redis, userId, redisPrefix: PREFIX })).count).toBeNull();
    const fresh = await getCachedUnreadCount({ redis, userId, redisPrefix: PREFIX });
    await fillUnreadCount({ redis, userId, gen: fresh.gen, count: 8, redisPrefix: PREFIX });
    expect((await getCachedUnreadCount({ redis, userId, redisPrefix: PREFIX })).count).toBe(8);
  });

  it("falls back to Postgres quickly when Redis is down", async () => {
    const user = await makeUser(db, "uc_down");
    await db.user.update({ where: { id: user.id }, data: { unreadCount: 2 } });
    const dead = createRedis({ url: `redis://127.0.0.1:${await freePort()}`, role: "producer" });
    dead.on("error", () => undefined);
    try {
      const started = performance.now();
      expect(await readUnreadCount({ db, redis: dead, userId: user.id, redisPrefix: PREFIX })).toEqual({ count: 2, source: "db" });
      expect(performance.now() - started).toBeLessThan(500);
      expect(await invalidateUnreadCounts({ redis: dead, userIds: [user.id], redisPrefix: PREFIX })).toBe(false);
    } finally {
      dead.disconnect();
    }
  });
});

describe("unread count ETag", () => {
  it("is weak, per user and per count", () => {
    expect(unreadCountEtag("u1", 3)).toMatch(/^W\/"3-[\w-]{10}"$/);
    expect(unreadCountEtag("u1", 3)).toBe(unreadCountEtag("u1", 3));
    expect(unreadCountEtag("u1", 3)).not.toBe(unreadCountEtag("u2", 3));
    expect(unreadCountEtag("u1", 3)).not.toBe(unreadCountEtag("u1", 4));
  });

  it("matches If-None-Match lists, weakly, and *", () => {
    const tag = unreadCountEtag("u1", 3);
    expect(etagMatches(tag, tag)).toBe(true);
    expect(etagMatches(tag.replace("W/", ""), tag)).toBe(true);
    expect(etagMatches(`"x", ${tag}`, tag)).toBe(true);
    expect(etagMatches("*", tag)).toBe(true);
    expect(etagMatches(unreadCountEtag("u1", 4), tag)).toBe(false);
    expect(etagMatches(null, tag)).toBe(false);
  });
});
