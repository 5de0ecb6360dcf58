import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { Actor } from "../../lib/auth/actor";
import type { Role } from "../../lib/auth/roles";
import type { Db } from "../../lib/db";
import { createRedis } from "../../lib/redis";
import { TEST_AUTH_SECRET } from "./test-server";

/** Long enough for every body rule. */
export const BODY = "This body is long enough for the validation rules, with **markdown** in it.";

/**
 * Env for code that reads getConfig() (cache and rate-limit keys use REDIS_PREFIX). Call at the
 * top of a test file, before the first getConfig(): the config is read once per module graph.
 */
export function useTestConfig(options: { databaseUrl?: string; redisPrefix: string }): void {
  process.env.DATABASE_URL = options.databaseUrl ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
  process.env.BETTER_AUTH_SECRET = TEST_AUTH_SECRET;
  process.env.REDIS_PREFIX = options.redisPrefix;
}

/** A user row written directly (no Better-Auth), returned as the domain's Actor. */
export async function makeActor(db: Db, username: string, options: { role?: Role; banned?: boolean } = {}): Promise<Actor> {
  const id = randomUUID();
  await db.user.create({
    data: { id, name: username, email: `${username}@example.test`, username, role: options.role ?? "user", banned: options.banned ?? false },
  });
  return { id, username, role: options.role ?? "user", banned: options.banned ?? false };
}

/** A valid create-question input; `n` keeps titles distinct. */
export function questionInput(n: number | string, extra: { title?: string; body?: string; tags?: string[] } = {}) {
  return { title: extra.title ?? `Question number ${n} about something`, body: extra.body ?? BODY, tags: extra.tags ?? ["general"] };
}

/** Expects `promise` to reject with an AppError of `code` (and, if given, that field). */
export async function appErrorOf(promise: Promise<unknown>): Promise<{ code: string; details: { fields?: Record<string, string>; retryAfter?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; details: { fields?: Record<string, string>; retryAfter?: number } };
  }
  throw new Error("expected the call to fail");
}

/**
 * A producer connection that is ready (producers don't queue commands while connecting, so a
 * test's first command would otherwise fail fast like it does when Redis is down), and one to
 * a closed port, which behaves like a down Redis.
 */
export async function testRedisPair(): Promise<{ redis: Redis; down: Redis }> {
  const redis = createRedis({ url: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", role: "producer", lazy: true });
  await redis.connect();
  const down = createRedis({ url: "redis://127.0.0.1:1", role: "producer" });
  down.on("error", () => {});
  return { redis, down };
}

/** Deletes a test file's keys and closes both connections. */
export async function closeTestRedisPair(pair: { redis: Redis; down: Redis } | undefined, keyPrefix: string): Promise<void> {
  if (!pair) return;
  const keys = await pair.redis.keys(`${keyPrefix}:*`);
  if (keys.length) await pair.redis.del(...keys);
  pair.redis.disconnect();
  pair.down.disconnect();
}
