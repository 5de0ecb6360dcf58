import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeTestRedisPair, testRedisPair } from "@/test/helpers/qa-fixtures";
import { cached, invalidate } from "./cached";

const prefix = `test-cache-${process.pid}-${Date.now()}`;

describe("cached (cache-aside)", () => {
  let pair: { redis: Redis; down: Redis };
  let redis: Redis;
  let closed: Redis;
  beforeAll(async () => {
    pair = await testRedisPair();
    ({ redis, down: closed } = pair);
  });
  afterAll(() => closeTestRedisPair(pair, prefix));

  it("loads once, serves from Redis with a TTL, reloads after invalidate", async () => {
    const key = `${prefix}:a`;
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect(await cached({ redis, key, ttlSeconds: 60, load })).toEqual({ n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50)); // the write is fire-and-forget
    expect(await cached({ redis, key, ttlSeconds: 60, load })).toEqual({ n: 1 });
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
    await invalidate({ redis, keys: [key] });
    expect(await cached({ redis, key, ttlSeconds: 60, load })).toEqual({ n: 2 });
  });

  it("falls back to load() on a corrupt entry", async () => {
    const key = `${prefix}:corrupt`;
    await redis.set(key, "{not json");
    expect(await cached({ redis, key, ttlSeconds: 60, load: async () => "fresh" })).toBe("fresh");
  });

  it("never throws because of Redis: a closed port means load() every time, quickly", async () => {
    const started = Date.now();
    let loads = 0;
    for (let i = 0; i < 5; i++) expect(await cached({ redis: closed, key: `${prefix}:down`, ttlSeconds: 60, load: async () => ++loads })).toBe(i + 1);
    await invalidate({ redis: closed, keys: [`${prefix}:down`] });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("lets load() errors through (the source of truth failing is a real error)", async () => {
    await expect(cached({ redis, key: `${prefix}:boom`, ttlSeconds: 60, load: () => Promise.reject(new Error("db down")) })).rejects.toThrow("db down");
  });
});
