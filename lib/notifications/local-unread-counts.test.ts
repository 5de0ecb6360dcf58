import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createRedis } from "../redis";
import { createLocalUnreadCounts } from "./local-unread-counts";
import { invalidateUnreadCounts } from "./unread-count-cache";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `t-local-${randomUUID().slice(0, 8)}`;
const redis = new Redis(REDIS_URL);
const subscribers: Redis[] = [];

afterAll(async () => {
  for (const subscriber of subscribers) subscriber.disconnect();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

async function live() {
  const subscriber = createRedis({ url: REDIS_URL, role: "subscriber" });
  subscribers.push(subscriber);
  const local = createLocalUnreadCounts({ subscriber, redisPrefix: prefix });
  // Live once subscribed: a fill sticks.
  for (let i = 0; i < 100; i++) {
    local.fill("probe", 1, local.snapshot("probe"));
    if (local.get("probe") === 1) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(local.get("probe")).toBe(1);
  return { local, subscriber };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  return check();
};

describe("local unread counts", () => {
  it("holds a count until a writer announces a change, for a minute at most", async () => {
    const { local } = await live();
    local.fill("u1", 3, local.snapshot("u1"), 1_000);
    expect(local.get("u1", 1_000)).toBe(3);
    expect(local.get("u1", 1_000 + 60_000)).toBeNull();
    local.fill("u1", 3, local.snapshot("u1"));
    expect(await invalidateUnreadCounts({ redis, userIds: ["u1", "u2"], redisPrefix: prefix })).toBe(true);
    expect(await until(() => local.get("u1") === null)).toBe(true);
  });

  it("refuses a fill that raced an announcement (a count read before a change is never kept)", async () => {
    const { local } = await live();
    const before = local.snapshot("u3");
    await invalidateUnreadCounts({ redis, userIds: ["u3"], redisPrefix: prefix });
    await until(() => local.snapshot("u3") !== before);
    local.fill("u3", 7, before);
    expect(local.get("u3")).toBeNull();
    local.fill("u3", 8, local.snapshot("u3"));
    expect(local.get("u3")).toBe(8);
  });

  it("serves nothing while the subscription is down, and starts empty when it is back", async () => {
    const { local, subscriber } = await live();
    local.fill("u4", 2, local.snapshot("u4"));
    subscriber.disconnect(true); // drop the connection; ioredis reconnects
    await until(() => subscriber.status !== "ready");
    expect(local.get("u4")).toBeNull();
    expect(await until(() => subscriber.status === "ready")).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(local.get("u4")).toBeNull(); // dropped: announcements may have been missed meanwhile
  });
});
