import { createHmac, randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { createMigratedTestDatabase } from "@/test/helpers/migrated-test-database";
import type { TestDatabase } from "@/test/helpers/test-database";
import { resolveActor } from "./resolve-actor";

const SECRET = "test-secret-test-secret-test-secret-0123456789";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createDb({ databaseUrl: database.url, max: 4 });
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

afterEach(() => {
  vi.useRealTimers();
});

/** A user with a live session, and the cookie header Better-Auth would have set for it. */
async function signedInUser(username: string, extra: { lastSeenAt?: Date; banned?: boolean } = {}) {
  const user = await db.user.create({ data: { id: randomUUID(), name: username, email: `${username}@example.test`, username, ...extra } });
  const token = randomUUID();
  await db.session.create({ data: { id: randomUUID(), token, userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) } });
  const signature = createHmac("sha256", SECRET).update(token).digest("base64");
  const headers = new Headers({ cookie: `other=1; ce.session_token=${encodeURIComponent(`${token}.${signature}`)}` });
  return { user, headers };
}

async function lastSeen(userId: string): Promise<Date | null> {
  return (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { lastSeenAt: true } })).lastSeenAt;
}

/** The write is fire-and-forget: wait (bounded) until it lands. */
async function waitForLastSeen(userId: string, predicate: (value: Date | null) => boolean): Promise<Date | null> {
  for (let i = 0; i < 100; i++) {
    const value = await lastSeen(userId);
    if (predicate(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return lastSeen(userId);
}

/** Gives a fire-and-forget write that should NOT happen the time to show up if it did. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
}

describe("resolveActor and lastSeenAt", () => {
  it("resolves a signed session cookie and records lastSeenAt without awaiting the write", async () => {
    const { user, headers } = await signedInUser("seen_alice");
    const before = Date.now();
    const resolved = await resolveActor({ headers, db, secret: SECRET });
    expect(resolved).toEqual({ kind: "user", actor: { id: user.id, username: "seen_alice", role: "user", banned: false } });
    const seen = await waitForLastSeen(user.id, (value) => value !== null);
    expect(seen!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("writes at most once per 5 minutes per user: later requests in the window skip the update", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-01-01T12:00:00Z"));
    const { user, headers } = await signedInUser("seen_bob");
    await resolveActor({ headers, db, secret: SECRET });
    expect(await waitForLastSeen(user.id, (value) => value !== null)).toEqual(new Date("2030-01-01T12:00:00Z"));

    // Within the window: no UPDATE at all (the column is cleared to prove nothing writes it).
    await db.user.update({ where: { id: user.id }, data: { lastSeenAt: null } });
    vi.setSystemTime(new Date("2030-01-01T12:04:00Z"));
    await resolveActor({ headers, db, secret: SECRET });
    await settle();
    expect(await lastSeen(user.id)).toBeNull();

    // After the window: written again.
    vi.setSystemTime(new Date("2030-01-01T12:05:30Z"));
    await resolveActor({ headers, db, secret: SECRET });
    expect(await waitForLastSeen(user.id, (value) => value !== null)).toEqual(new Date("2030-01-01T12:05:30Z"));
  });

  it("leaves a recent lastSeenAt alone (another process wrote it within the window)", async () => {
    const recent = new Date(Date.now() - 60_000);
    const { user, headers } = await signedInUser("seen_carol", { lastSeenAt: recent });
    await resolveActor({ headers, db, secret: SECRET });
    await settle();
    expect(await lastSeen(user.id)).toEqual(recent);
  });

  it("does not touch lastSeenAt for a bad signature or a banned user", async () => {
    const forged = await signedInUser("seen_dave");
    const token = /ce\.session_token=([^.]+)\./.exec(decodeURIComponent(forged.headers.get("cookie")!))![1];
    const bad = new Headers({ cookie: `ce.session_token=${token}.${Buffer.from("x".repeat(32)).toString("base64")}` });
    expect(await resolveActor({ headers: bad, db, secret: SECRET })).toEqual({ kind: "anonymous" });

    const banned = await signedInUser("seen_erin", { banned: true });
    expect(await resolveActor({ headers: banned.headers, db, secret: SECRET })).toEqual({ kind: "banned", userId: banned.user.id });
    await settle();
    expect(await lastSeen(forged.user.id)).toBeNull();
    expect(await lastSeen(banned.user.id)).toBeNull();
  });

  it("swallows a failed write: the request still resolves", async () => {
    const { user, headers } = await signedInUser("seen_frank");
    const failing = new Proxy(db, {
      get(target, property, receiver) {
        if (property !== "user") return Reflect.get(target, property, receiver);
        return { ...target.user, updateMany: () => Promise.reject(new Error("database is read-only")) };
      },
    });
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      expect(await resolveActor({ headers, db: failing, secret: SECRET })).toMatchObject({ kind: "user", actor: { id: user.id } });
      await settle();
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });
});
