import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { startHeartbeat } from "./heartbeat";
import { heartbeatKey } from "./heartbeat-key";
import { readHeartbeats } from "./read-heartbeats";

const redis = new Redis(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `ce-test-hb-${randomUUID().slice(0, 8)}`;

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe("worker heartbeat", () => {
  it("writes a key with a TTL, refreshes it, lists it, and removes it on stop", async () => {
    const heartbeat = startHeartbeat({ redis, id: "host-a-123", intervalMs: 100, ttlSeconds: 3, prefix });
    await waitFor(async () => (await redis.exists(heartbeat.key)) === 1);
    expect(heartbeat.key).toBe(`${prefix}:worker:heartbeat:host-a-123`);
    const ttl = await redis.ttl(heartbeat.key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(3);

    const first = JSON.parse((await redis.get(heartbeat.key)) ?? "{}") as { at: string; startedAt: string; pid: number };
    expect(first.pid).toBe(process.pid);
    await waitFor(async () => JSON.parse((await redis.get(heartbeat.key)) ?? "{}").at !== first.at);

    const live = await readHeartbeats({ redis, prefix });
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ id: "host-a-123", pid: process.pid });
    expect(live[0].ageMs).toBeLessThan(2000);

    await heartbeat.stop();
    expect(await redis.exists(heartbeat.key)).toBe(0);
    expect(await readHeartbeats({ redis, prefix })).toEqual([]);
  });

  it("ignores other prefixes and unreadable values, and reports the age", async () => {
    await redis.set(heartbeatKey("old-1", prefix), JSON.stringify({ pid: 1, host: "h", startedAt: "x", at: new Date(Date.now() - 9000).toISOString() }), "EX", 30);
    await redis.set(heartbeatKey("junk", prefix), "not json", "EX", 30);
    await redis.set(heartbeatKey("other", `${prefix}x`), JSON.stringify({ pid: 2, host: "h", at: new Date().toISOString() }), "EX", 30);
    const live = await readHeartbeats({ redis, prefix });
    expect(live.map((beat) => beat.id)).toEqual(["old-1"]);
    expect(live[0].ageMs).toBeGreaterThanOrEqual(9000);
    await redis.del(heartbeatKey("other", `${prefix}x`));
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
