import { randomUUID } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { verifyPassword } from "better-auth/crypto";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { acceptAnswer } from "@/lib/answers/accept-answer";
import { createAnswer } from "@/lib/answers/create-answer";
import { createDb, type Db } from "@/lib/db";
import { checkIntegrity } from "@/lib/integrity/check-integrity";
import { createQuestion } from "@/lib/questions/create-question";
import { castVote } from "@/lib/votes/cast-vote";
import { runMigrations } from "@/lib/migrations/run-migrations";
import { createMigratedTestDatabase, MIGRATIONS_DIR } from "@/test/helpers/migrated-test-database";
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

describe("users purge", () => {
  const BODY = "A body long enough to pass validation, with details.";
  const asActor = (user: { id: string; username: string }): Actor => ({ id: user.id, username: user.username, role: "user", banned: false });

  it("removes a spammer's posts and votes and corrects every aggregate; --dry-run changes nothing", async () => {
    const spammer = asActor(await makeUser("purge_spammer"));
    const sock = asActor(await makeUser("purge_sock"));
    const legit = asActor(await makeUser("purge_legit"));
    const helper = asActor(await makeUser("purge_helper"));
    const vote = (voter: Actor, targetType: "question" | "answer", targetId: number, value: 1 | -1) =>
      castVote({ db, actor: voter, input: { targetType, targetId, value } });

    // The spammer's own question, propped up by a sock puppet, answered (and upvoted) by a real user.
    const spamQ = await createQuestion({ db, actor: spammer, input: { title: "Buy cheap watches here now", body: BODY, tags: ["purge-spam", "purge-shared"] } });
    await vote(sock, "question", spamQ.id, 1);
    const helperAnswer = await createAnswer({ db, actor: helper, questionId: spamQ.id, input: { body: BODY } });
    await vote(legit, "answer", helperAnswer.id, 1);
    await acceptAnswer({ db, actor: spammer, answerId: helperAnswer.id });
    // A legit question the spammer answered (accepted!), upvoted and downvoted around.
    const legitQ = await createQuestion({ db, actor: legit, input: { title: "How to configure the thing", body: BODY, tags: ["purge-shared"] } });
    const spamA = await createAnswer({ db, actor: spammer, questionId: legitQ.id, input: { body: BODY } });
    const goodA = await createAnswer({ db, actor: helper, questionId: legitQ.id, input: { body: BODY } });
    await vote(sock, "answer", spamA.id, 1);
    await acceptAnswer({ db, actor: legit, answerId: spamA.id });
    await vote(spammer, "question", legitQ.id, 1);
    await vote(spammer, "answer", goodA.id, -1);
    await db.notification.create({ data: { userId: legit.id, type: "answer", eventId: 987_654n, actorId: spammer.id, questionId: legitQ.id, answerId: spamA.id } });
    await db.user.update({ where: { id: legit.id }, data: { unreadCount: { increment: 1 } } });
    expect((await checkIntegrity({ db })).drift).toEqual([]);

    const before = await db.reputationEvent.count();
    const dry = await cli(["users", "purge", "purge_spammer", "--dry-run"]);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("Purge plan for purge_spammer:");
    expect(dry.stdout).toContain("would remove 1 question(s) (with 1 answer(s) by others on them)");
    expect(dry.stdout).toContain("would remove 1 answer(s), 1 of them accepted");
    expect(dry.stdout).toContain("would remove 2 vote(s) they cast and 3 vote(s) on the removed posts");
    expect(await db.reputationEvent.count()).toBe(before);
    expect(await db.question.count({ where: { authorId: spammer.id } })).toBe(1);

    const purge = await cli(["users", "purge", "purge_spammer", "--yes"]);
    expect(purge.exitCode, purge.stderr).toBe(0);
    expect(purge.stdout).toContain("✓ purged purge_spammer:");

    expect(await db.question.count({ where: { authorId: spammer.id } })).toBe(0);
    expect(await db.answer.count({ where: { OR: [{ authorId: spammer.id }, { questionId: spamQ.id }] } })).toBe(0);
    expect(await db.vote.count({ where: { userId: spammer.id } })).toBe(0);
    const legitAfter = await db.question.findUniqueOrThrow({ where: { id: legitQ.id } });
    expect(legitAfter).toMatchObject({ voteScore: 0, answerCount: 1, acceptedAnswerId: null });
    expect((await db.answer.findUniqueOrThrow({ where: { id: goodA.id } })).voteScore).toBe(0);
    const tags = await db.tag.findMany({ where: { name: { in: ["purge-spam", "purge-shared"] } }, orderBy: { name: "asc" } });
    expect(tags.map((t) => [t.name, t.questionCount])).toEqual([["purge-shared", 1], ["purge-spam", 0]]);
    const rep = async (user: Actor) => (await db.user.findUniqueOrThrow({ where: { id: user.id } })).reputation;
    // Everyone is back to what they earned without the spammer: legit lost the +10 upvote and the
    // +2 for accepting; helper lost the +10/+15 on the purged question's answer; sock's
    // nothing; spammer back to 1.
    expect([await rep(spammer), await rep(legit), await rep(helper), await rep(sock)]).toEqual([1, 1, 1, 1]);
    expect(await db.notification.count({ where: { actorId: spammer.id } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: legit.id } })).unreadCount).toBe(0);
    expect((await checkIntegrity({ db })).drift).toEqual([]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "user.purge", targetId: spammer.id } });
    expect(audit.details).toMatchObject({ questions: 1, answers: 1, votesCast: 2, dryRun: false });
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
    const asker = await makeUser("backup_asker");
    const voter = await makeUser("backup_voter");
    const asActor = (u: { id: string; username: string }): Actor => ({ id: u.id, username: u.username, role: "user", banned: false });
    const question = await createQuestion({
      db,
      actor: asActor(asker),
      input: { title: "What survives a backup and restore?", body: "Everything in Postgres, hopefully, every row.", tags: ["backups"] },
    });
    const answer = await createAnswer({ db, actor: asActor(voter), questionId: question.id, input: { body: "All of it: pg_dump takes a consistent snapshot." } });
    await castVote({ db, actor: asActor(voter), input: { targetType: "question", targetId: question.id, value: 1 } });
    const file = path.join(workDir, "site.dump");
    const backup = await cli(["backup", "--out", file]);
    expect(backup.exitCode, backup.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
    const manifest = JSON.parse(readFileSync(`${file}.manifest.json`, "utf8"));
    const users = await db.user.count();
    expect(manifest).toMatchObject({ format: "community-engine-backup", dumpFile: "site.dump", counts: { user: users } });
    expect(manifest.lastMigration).toMatch(/^\d{14}_/);

    target = await createTestDatabase();
    const restore = await cli(["restore", file], { DATABASE_URL: target.url });
    expect(restore.exitCode, restore.stderr).toBe(0);
    const restored = createDb({ databaseUrl: target.url, max: 2 });
    try {
      expect(await restored.user.count()).toBe(users);
      expect(await restored.user.findUnique({ where: { id: voter.id } })).toMatchObject({ username: "backup_voter", email: "backup_voter@example.test" });
      expect(await restored.auditLog.count()).toBe(await db.auditLog.count());
      // Planner statistics are fresh (ANALYZE after pg_restore), not left to autovacuum.
      const [stats] = await restored.$queryRaw<Array<{ analyzed: boolean }>>`
        SELECT last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables WHERE relname = 'reputation_event'`;
      expect(stats.analyzed).toBe(true);
      for (const table of ["question", "answer", "vote", "reputationEvent", "tag"] as const) {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const count = (client: Db) => (client[table] as any).count() as Promise<number>;
        expect(await count(restored), table).toBe(await count(db));
      }
      expect(await restored.question.findUnique({ where: { id: question.id }, include: { tags: { include: { tag: true } } } })).toMatchObject({
        title: "What survives a backup and restore?",
        voteScore: 1,
        answerCount: 1,
        tags: [{ tag: { name: "backups" } }],
      });
      expect(await restored.answer.findUnique({ where: { id: answer.id } })).toMatchObject({ authorId: voter.id, questionId: question.id });
      expect(await restored.vote.findFirst({ where: { questionId: question.id } })).toMatchObject({ userId: voter.id, value: 1 });
      expect(await restored.user.findUniqueOrThrow({ where: { id: asker.id } })).toMatchObject({ reputation: 11 });
      // The restored site is at the newest migration and consistent.
      expect((await checkIntegrity({ db: restored })).drift).toEqual([]);
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

  it("restoring a backup made before the newest migration brings the schema up to date", async () => {
    const all = readdirSync(MIGRATIONS_DIR).filter((name) => /^\d{14}_/.test(name)).sort();
    const oldDir = path.join(workDir, "old-migrations");
    cpSync(path.join(MIGRATIONS_DIR, all[0]), path.join(oldDir, all[0]), { recursive: true });
    const old = await createTestDatabase();
    const fresh = await createTestDatabase();
    try {
      await runMigrations({ databaseUrl: old.url, migrationsDir: oldDir });
      const file = path.join(workDir, "old.dump");
      expect((await cli(["backup", "--out", file], { DATABASE_URL: old.url })).exitCode).toBe(0);
      expect(JSON.parse(readFileSync(`${file}.manifest.json`, "utf8")).lastMigration).toBe(all[0]);
      const restore = await cli(["restore", file], { DATABASE_URL: fresh.url });
      expect(restore.exitCode, restore.stderr).toBe(0);
      expect(restore.stdout).toContain(`migration ${all[all.length - 1]}`);
    } finally {
      await old.drop();
      await fresh.drop();
    }
  });
});
