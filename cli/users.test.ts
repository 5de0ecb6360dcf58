import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { verifyPassword } from "better-auth/crypto";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { createMigratedTestDatabase } from "@/test/helpers/migrated-test-database";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/test-database";

const ROOT = path.resolve(import.meta.dirname, "..");
const SECRET = "test-secret-test-secret-test-secret-0123456789";
const PREFIX = `t-users-${randomUUID().slice(0, 8)}`;

let database: TestDatabase;
let db: Db;
let workDir: string;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createDb({ databaseUrl: database.url, max: 4 });
  workDir = mkdtempSync(path.join(tmpdir(), "ce-users-"));
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** Runs the real CLI from source against the test database (no TTY: plain output, no prompts). */
function cli(args: string[], env: Record<string, string> = {}) {
  return execa("node", ["--import", "tsx", "cli/index.ts", ...args], {
    cwd: ROOT,
    reject: false,
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
      REDIS_PREFIX: PREFIX,
      BETTER_AUTH_SECRET: SECRET,
      LOG_LEVEL: "warn",
      ...env,
    },
  });
}

async function makeUser(username: string, extra: { role?: string; createdAt?: Date } = {}) {
  return db.user.create({
    data: { id: randomUUID(), name: `${username} name`, email: `${username}@example.test`, username, ...extra },
  });
}

async function makeSession(userId: string) {
  return db.session.create({
    data: { id: randomUUID(), token: randomUUID(), userId, expiresAt: new Date(Date.now() + 86_400_000) },
  });
}

describe("users list / show", () => {
  beforeAll(async () => {
    await makeUser("list_alice", { role: "admin", createdAt: new Date("2024-01-01") });
    await makeUser("list_bob", { role: "moderator", createdAt: new Date("2024-01-02") });
    await makeUser("list_carol", { createdAt: new Date("2024-01-03") });
  });

  it("prints plain tab-separated lines when not on a TTY, filtered by --search and --role", async () => {
    const all = await cli(["users", "list", "--search", "list_"]);
    expect(all.exitCode).toBe(0);
    expect(all.stdout.split("\n")).toEqual([
      "list_carol\tlist_carol@example.test\tuser\t1\tactive",
      "list_bob\tlist_bob@example.test\tmoderator\t1\tactive",
      "list_alice\tlist_alice@example.test\tadmin\t1\tactive",
    ]);
    const mods = await cli(["users", "list", "--search", "list_", "--role", "moderator"]);
    expect(mods.stdout).toBe("list_bob\tlist_bob@example.test\tmoderator\t1\tactive");
  });

  it("--json with --page/--limit pages through users", async () => {
    const result = await cli(["users", "list", "--search", "LIST_", "--json", "--limit", "2", "--page", "2"]);
    expect(result.exitCode).toBe(0);
    const page = JSON.parse(result.stdout);
    expect(page).toMatchObject({ total: 3, page: 2, limit: 2 });
    expect(page.items.map((u: { username: string }) => u.username)).toEqual(["list_alice"]);
  });

  it("rejects an unknown role filter with exit 1", async () => {
    const result = await cli(["users", "list", "--role", "wizard"]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/Unknown role "wizard"/);
  });

  it("show: by username or email, with counts and ban state", async () => {
    const byName = await cli(["users", "show", "list_bob"]);
    expect(byName.exitCode).toBe(0);
    expect(byName.stdout).toMatch(/^username:\s+list_bob$/m);
    expect(byName.stdout).toMatch(/^role:\s+moderator$/m);
    expect(byName.stdout).toMatch(/^reputation:\s+1$/m);
    expect(byName.stdout).toMatch(/^questions:\s+0$/m);
    expect(byName.stdout).toMatch(/^last seen:\s+never$/m);
    expect(byName.stdout).toMatch(/^ban:\s+not banned$/m);
    const byEmail = await cli(["users", "show", "list_bob@example.test", "--json"]);
    expect(JSON.parse(byEmail.stdout)).toMatchObject({ username: "list_bob", role: "moderator", ban: { active: false } });
  });

  it("unknown user: exit 3 and a one-line message, for every command", async () => {
    for (const args of [["show", "ghost"], ["set-role", "ghost", "admin"], ["ban", "ghost"], ["unban", "ghost"], ["reset-password", "ghost"], ["purge", "ghost", "--yes"]]) {
      const result = await cli(["users", ...args]);
      expect(result.exitCode, args.join(" ")).toBe(3);
      expect(result.stderr.trim().split("\n")).toEqual(['✗ No user "ghost" (give a username or an email address)']);
    }
  });
});

describe("users set-role / ban / unban / reset-password", () => {
  it("set-role changes the role and writes an audit row; an invalid role exits 1", async () => {
    const user = await makeUser("role_dave");
    const ok = await cli(["users", "set-role", "role_dave", "moderator"]);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toBe("✓ role_dave: user → moderator");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("moderator");
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: user.id, action: "user.set_role" } });
    expect(audit).toMatchObject({ actorId: null, targetType: "user", details: { from: "user", to: "moderator" } });

    const bad = await cli(["users", "set-role", "role_dave", "superuser"]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/Invalid role "superuser"/);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("moderator");
  });

  it("ban sets the ban fields and expires (not deletes) live sessions; unban lifts it", async () => {
    const user = await makeUser("ban_erin");
    const live = await makeSession(user.id);
    const ban = await cli(["users", "ban", "ban_erin", "--reason", "spam links", "--until", "2099-01-01"]);
    expect(ban.exitCode).toBe(0);
    expect(ban.stdout).toBe("✓ banned ban_erin until 2099-01-01T00:00:00.000Z; ended 1 session(s)");
    const banned = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(banned).toMatchObject({ banned: true, banReason: "spam links", banExpires: new Date("2099-01-01") });
    const session = await db.session.findUniqueOrThrow({ where: { id: live.id } });
    expect(session.expiresAt.getTime()).toBeLessThanOrEqual(Date.now());

    const listed = await cli(["users", "list", "--banned", "--search", "ban_erin"]);
    expect(listed.stdout).toBe("ban_erin\tban_erin@example.test\tuser\t1\tbanned until 2099-01-01T00:00Z");
    const shown = await cli(["users", "show", "ban_erin"]);
    expect(shown.stdout).toMatch(/^ban:\s+banned until 2099-01-01T00:00:00.000Z \(spam links\)$/m);

    const unban = await cli(["users", "unban", "ban_erin"]);
    expect(unban.exitCode).toBe(0);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ banned: false, banReason: null, banExpires: null });
    const actions = await db.auditLog.findMany({ where: { targetId: user.id }, orderBy: { id: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["user.ban", "user.unban"]);
    expect(actions[0].details).toMatchObject({ reason: "spam links", sessionsEnded: 1 });
  });

  it("ban rejects a bad or past --until with exit 1", async () => {
    await makeUser("ban_frank");
    expect((await cli(["users", "ban", "ban_frank", "--until", "someday"])).exitCode).toBe(1);
    expect((await cli(["users", "ban", "ban_frank", "--until", "2001-01-01"])).exitCode).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { username: "ban_frank" } })).banned).toBe(false);
  });

  it("reset-password prints a strong password once, stores Better-Auth's hash and ends sessions", async () => {
    const user = await makeUser("pw_gina");
    await db.account.create({ data: { id: randomUUID(), accountId: user.id, providerId: "credential", userId: user.id, password: "old-hash" } });
    const session = await makeSession(user.id);
    const result = await cli(["users", "reset-password", "pw_gina@example.test"]);
    expect(result.exitCode).toBe(0);
    const [, password] = result.stdout.split("\n");
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const account = await db.account.findFirstOrThrow({ where: { userId: user.id, providerId: "credential" } });
    expect(await verifyPassword({ hash: account.password ?? "", password })).toBe(true);
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).expiresAt.getTime()).toBeLessThanOrEqual(Date.now());
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: user.id, action: "user.reset_password" } });
    expect(JSON.stringify(audit.details)).not.toContain(password);
  });
});

describe("audit", () => {
  it("lists the latest rows, as JSON with --json, newest first", async () => {
    const result = await cli(["audit", "--json", "--limit", "3"]);
    expect(result.exitCode).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<{ id: string; actor: string; action: string }>;
    expect(rows).toHaveLength(3);
    expect(Number(rows[0].id)).toBeGreaterThan(Number(rows[1].id));
    expect(rows.every((row) => row.actor === "cli")).toBe(true);
    const plain = await cli(["audit", "--limit", "1"]);
    expect(plain.stdout.split("\t")).toHaveLength(5);
    expect((await cli(["audit", "--limit", "0"])).exitCode).toBe(1);
  });
});

describe("backup / restore", () => {
  let target: TestDatabase;
  afterAll(async () => {
    await target?.drop();
  });

  it("backup writes a dump + manifest; restore into an empty database gives the same rows", async () => {
    const file = path.join(workDir, "site.dump");
    const backup = await cli(["backup", "--out", file]);
    expect(backup.exitCode, backup.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
    const manifest = JSON.parse(await import("node:fs/promises").then((fs) => fs.readFile(`${file}.manifest.json`, "utf8")));
    const users = await db.user.count();
    expect(manifest).toMatchObject({ format: "community-engine-backup", dumpFile: "site.dump", counts: { user: users } });
    expect(manifest.lastMigration).toMatch(/^\d{14}_/);

    target = await createTestDatabase();
    const restore = await cli(["restore", file], { DATABASE_URL: target.url });
    expect(restore.exitCode, restore.stderr).toBe(0);
    const restored = createDb({ databaseUrl: target.url, max: 2 });
    try {
      expect(await restored.user.count()).toBe(users);
      const pick = await db.user.findUniqueOrThrow({ where: { username: "list_bob" } });
      expect(await restored.user.findUnique({ where: { id: pick.id } })).toMatchObject({ username: "list_bob", role: "moderator" });
      expect(await restored.auditLog.count()).toBe(await db.auditLog.count());
    } finally {
      await restored.$disconnect();
    }

    // Now not empty: refused without --force (exit 1), replaced with it.
    const again = await cli(["restore", file], { DATABASE_URL: target.url });
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(/not empty.*--force/);
    expect((await cli(["restore", file, "--force"], { DATABASE_URL: target.url })).exitCode).toBe(0);
    expect((await cli(["restore", path.join(workDir, "missing.dump")], { DATABASE_URL: target.url })).exitCode).toBe(3);
  });
});
