import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { appErrorOf, closeTestRedisPair, testRedisPair } from "@/test/helpers/qa-fixtures";
import { checkRateLimit, rateLimitsFromConfig } from "./check-rate-limit";

const keyPrefix = `test-rl-${process.pid}-${Date.now()}`;

describe("checkRateLimit", () => {
  let pair: { redis: Redis; down: Redis };
  let redis: Redis;
  let closed: Redis;
  beforeAll(async () => {
    pair = await testRedisPair();
    ({ redis, down: closed } = pair);
  });
  afterAll(() => closeTestRedisPair(pair, keyPrefix));

  // 20 s into a minute: the window turns in 40 s.
  const now = Date.parse("2026-03-01T12:00:20Z");

  it("allows the default 5 questions a minute, then RATE_LIMITED with retryAfter", async () => {
    for (let i = 0; i < 5; i++) {
      expect(await checkRateLimit({ redis, keyPrefix, actorId: "u1", action: "question", now })).toEqual({ remaining: 4 - i });
    }
    const error = await appErrorOf(checkRateLimit({ redis, keyPrefix, actorId: "u1", action: "question", now: now + 1500 }));
    expect(error).toMatchObject({ code: "RATE_LIMITED", details: { retryAfter: 39 } });
    // other users and other actions have their own budgets
    await checkRateLimit({ redis, keyPrefix, actorId: "u2", action: "question", now });
    await checkRateLimit({ redis, keyPrefix, actorId: "u1", action: "answer", now });
    // the next window starts fresh
    expect(await checkRateLimit({ redis, keyPrefix, actorId: "u1", action: "question", now: now + 40_000 })).toEqual({ remaining: 4 });
  });

  it("uses the configured limits (RATE_LIMIT_*_PER_MIN)", async () => {
    const config = parseConfig({
      DATABASE_URL: "postgresql://localhost/x",
      REDIS_URL: "redis://localhost",
      BETTER_AUTH_SECRET: "x".repeat(32),
      RATE_LIMIT_VOTES_PER_MIN: "2",
    });
    const limits = rateLimitsFromConfig(config);
    expect(limits).toEqual({ question: 5, answer: 10, vote: 2 });
    await checkRateLimit({ redis, keyPrefix, actorId: "u3", action: "vote", limit: limits.vote, now });
    await checkRateLimit({ redis, keyPrefix, actorId: "u3", action: "vote", limit: limits.vote, now });
    expect((await appErrorOf(checkRateLimit({ redis, keyPrefix, actorId: "u3", action: "vote", limit: limits.vote, now }))).code).toBe("RATE_LIMITED");
  });

  it("does nothing when disabled", async () => {
    for (let i = 0; i < 8; i++) await checkRateLimit({ redis, keyPrefix, actorId: "u4", action: "question", disabled: true, now });
    expect(await redis.keys(`${keyPrefix}:rl:question:u4:*`)).toEqual([]);
  });

  it("fails open (logs, allows) when Redis is unreachable", async () => {
    const warnings: unknown[] = [];
    const logger = { warn: (...args: unknown[]) => void warnings.push(args) };
    for (let i = 0; i < 8; i++) {
      await checkRateLimit({ redis: closed, keyPrefix, actorId: "u5", action: "question", logger: logger as never, now });
    }
    expect(warnings).toHaveLength(8);
  });
});
