import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { verifyPassword } from "better-auth/crypto";
import { parse as parseDotenv } from "dotenv";
import { execa } from "execa";
import { Redis } from "ioredis";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { createDb, type Db } from "@/lib/db";
import { startHeartbeat } from "@/lib/worker/heartbeat";
import { HttpClient } from "@/test/helpers/http-client";
import { createMigratedTestDatabase, MIGRATIONS_DIR } from "@/test/helpers/migrated-test-database";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/test-database";
import { startTestServer } from "@/test/helpers/test-server";

const ROOT = path.resolve(import.meta.dirname, "..");
// `--import tsx` would resolve from the temp cwd; point at the loader itself.
const TSX = pathToFileURL(path.join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;
const CLI = path.join(ROOT, "cli", "index.ts");
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const SECRET = "test-secret-test-secret-test-secret-0123456789";
const PREFIX = `t-cli-${randomUUID().slice(0, 8)}`;
const MIGRATION_COUNT = readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory()).length;

const tempDirs: string[] = [];
const droppable: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "ce-cli-"));
  tempDirs.push(dir);
  return dir;
}

/**
 * The real CLI from source in `cwd`, with no TTY (stdin is a pipe) and only the environment
 * given: nothing leaks in from the shell running the tests.
 */
function cli(args: string[], options: { cwd: string; env?: Record<string, string> }) {
  return execa("node", ["--import", TSX, CLI, ...args], {
    cwd: options.cwd,
    reject: false,
    // A command that never exits (a handle left open) fails here, not at the test timeout.
    timeout: 30_000,
    extendEnv: false,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir(), LOG_LEVEL: "warn", ...options.env },
  });
}

function stderrLines(result: { stderr: string }): string[] {
  return result.stderr.split("\n").filter((line) => line.trim() !== "");
}

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const name of droppable) await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe("--help", () => {
  it("every set-up command has --help and exits 0", async () => {
    const cwd = tempDir();
    const commands = [["init"], ["migrate"], ["admin"], ["admin", "create"], ["doctor"], []];
    const results = await Promise.all(commands.map((args) => cli([...args, "--help"], { cwd })));
    results.forEach((result, i) => {
      expect(result.exitCode, commands[i].join(" ")).toBe(0);
      expect(result.stdout, commands[i].join(" ")).toMatch(/^Usage: community-engine/);
    });
  });
});

describe("init", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("--yes writes .env with mode 600, a 43-character secret and the values given", async () => {
    const cwd = tempDir();
    const result = await cli(
      ["init", "--yes", "--database-url", database.url, "--redis-url", REDIS_URL, "--port", "4123", "--site-url", "https://q.example.org/", "--site-name", "Ask #1 'site'"],
      { cwd },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    const file = path.join(cwd, ".env");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const values = parseDotenv(readFileSync(file));
    expect(values).toMatchObject({
      DATABASE_URL: database.url,
      REDIS_URL: REDIS_URL,
      PORT: "4123",
      SITE_URL: "https://q.example.org",
      SITE_NAME: "Ask #1 'site'",
    });
    expect(values.BETTER_AUTH_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // What init writes is what the app accepts.
    expect(parseConfig(values)).toMatchObject({ PORT: 4123, SITE_NAME: "Ask #1 'site'" });
    expect(result.stdout).toContain("✓ PostgreSQL reachable");
    expect(result.stdout).toContain("✓ Redis reachable");
    // Only .env: no temp file left behind.
    expect(readdirSync(cwd)).toEqual([".env"]);
  });

  it("refuses to overwrite .env without --force (file unchanged); --force replaces it", async () => {
    const cwd = tempDir();
    const first = await cli(["init", "--yes", "--database-url", database.url, "--dir", "site"], { cwd });
    expect(first.exitCode, first.stderr).toBe(0);
    const file = path.join(cwd, "site", ".env");
    const before = readFileSync(file);

    const again = await cli(["init", "--yes", "--database-url", database.url, "--dir", "site", "--port", "5000"], { cwd });
    expect(again.exitCode).toBe(1);
    expect(stderrLines(again)).toHaveLength(1);
    expect(again.stderr).toMatch(/already exists.*--force/);
    expect(readFileSync(file).equals(before)).toBe(true);

    const forced = await cli(["init", "--yes", "--database-url", database.url, "--dir", "site", "--port", "5000", "--force"], { cwd });
    expect(forced.exitCode, forced.stderr).toBe(0);
    const after = parseDotenv(readFileSync(file));
    expect(after.PORT).toBe("5000");
    expect(after.SITE_URL).toBe("http://localhost:5000");
    expect(after.BETTER_AUTH_SECRET).not.toBe(parseDotenv(before).BETTER_AUTH_SECRET);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("uses the environment for what flags don't give, then local defaults; flags win", async () => {
    const cwd = tempDir();
    const result = await cli(["init", "--port", "4300"], { cwd, env: { DATABASE_URL: database.url, PORT: "4200", SITE_NAME: "From env" } });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(parseDotenv(readFileSync(path.join(cwd, ".env")))).toMatchObject({
      DATABASE_URL: database.url,
      REDIS_URL: "redis://127.0.0.1:6379",
      PORT: "4300",
      SITE_URL: "http://localhost:4300",
      SITE_NAME: "From env",
    });
  });

  it("bad input: exit 1, one stderr line naming the flag, nothing written", async () => {
    const cwd = tempDir();
    for (const args of [["--database-url", "nonsense"], ["--redis-url", "http://x"], ["--port", "70000"], ["--site-url", "ftp://x"]]) {
      const result = await cli(["init", "--yes", ...args], { cwd });
      expect(result.exitCode, args.join(" ")).toBe(1);
      const lines = stderrLines(result);
      expect(lines, args.join(" ")).toHaveLength(1);
      expect(lines[0]).toContain(args[0]);
    }
    const fromEnv = await cli(["init", "--yes"], { cwd, env: { REDIS_URL: "mysql://x" } });
    expect(fromEnv.exitCode).toBe(1);
    expect(stderrLines(fromEnv)).toEqual([expect.stringContaining("REDIS_URL")]);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("an unreachable service: exit 2, one line naming it with the password masked, nothing written", async () => {
    const cwd = tempDir();
    const redisDown = await cli(["init", "--yes", "--database-url", database.url, "--redis-url", "redis://:hunter2@127.0.0.1:1"], { cwd });
    expect(redisDown.exitCode).toBe(2);
    expect(stderrLines(redisDown)).toEqual([expect.stringMatching(/^✗ Cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1/)]);
    expect(redisDown.stderr).not.toContain("hunter2");

    const postgresDown = await cli(["init", "--yes", "--database-url", "postgresql://me:hunter2@127.0.0.1:1/x"], { cwd });
    expect(postgresDown.exitCode).toBe(2);
    expect(stderrLines(postgresDown)).toEqual([expect.stringMatching(/^✗ Cannot reach PostgreSQL at postgresql:\/\/me:\*\*\*@127\.0\.0\.1:1\/x/)]);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe("first-time set-up from .env: init (creates the database) → migrate → doctor", () => {
  it("works end to end with config read from .env in the current directory", async () => {
    const cwd = tempDir();
    const name = `ce_test_init_${randomBytes(4).toString("hex")}`;
    droppable.push(name);
    const init = await cli(["init", "--yes", "--database-url", databaseUrl(name)], { cwd });
    expect(init.exitCode, init.stderr).toBe(0);
    expect(init.stdout).toContain("database created");
    expect(await adminQuery("SELECT 1 FROM pg_database WHERE datname = $1", [name])).toHaveLength(1);

    const env = { REDIS_PREFIX: PREFIX };
    const migrate = await cli(["migrate"], { cwd, env });
    expect(migrate.exitCode, migrate.stderr).toBe(0);
    expect(migrate.stdout).toContain(`up to date (${MIGRATION_COUNT} migrations)`);

    const doctor = await cli(["doctor"], { cwd, env });
    expect(doctor.stdout).toMatch(/^✓ Config:/m);
    expect(doctor.stdout).toMatch(/^✓ Migrations:/m);
  });
});

describe("migrate", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(); // empty
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("--status lists pending, migrate applies each, a second run is up to date, --status lists applied", async () => {
    const cwd = tempDir();
    const env = { DATABASE_URL: database.url };
    const names = readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

    const pending = await cli(["migrate", "--status"], { cwd, env });
    expect(pending.exitCode, pending.stderr).toBe(0);
    expect(pending.stdout.split("\n").slice(0, names.length)).toEqual(names.map((n) => `pending  ${n}`));

    const first = await cli(["migrate"], { cwd, env });
    expect(first.exitCode, first.stderr).toBe(0);
    for (const name of names) expect(first.stdout).toContain(name);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const rows = await client.query(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`);
    await client.end();
    expect(rows.rows.map((row) => row.migration_name)).toEqual(names);

    const second = await cli(["migrate"], { cwd, env });
    expect(second.exitCode).toBe(0);
    expect(second.stdout.trim()).toBe(`✓ Database is up to date (${names.length} migrations)`);

    const applied = await cli(["migrate", "--status"], { cwd, env });
    expect(applied.exitCode).toBe(0);
    expect(applied.stdout.trim().split("\n")).toEqual([...names.map((n) => `applied  ${n}`), `Database is up to date (${names.length} migrations)`]);
  });

  it("needs only DATABASE_URL; missing → exit 1 naming it; unreachable → exit 1, one line", async () => {
    const cwd = tempDir();
    const missing = await cli(["migrate"], { cwd });
    expect(missing.exitCode).toBe(1);
    expect(stderrLines(missing)).toEqual([expect.stringContaining("DATABASE_URL is required")]);

    const down = await cli(["migrate"], { cwd, env: { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/x" } });
    expect(down.exitCode).toBe(1);
    expect(stderrLines(down)).toEqual([expect.stringContaining("Cannot reach PostgreSQL")]);
  });
});

describe("admin create (migrated database)", () => {
  let database: TestDatabase;
  let db: Db;
  let env: Record<string, string>;
  let cwd: string;
  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    db = createDb({ databaseUrl: database.url, max: 2 });
    env = { DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX: PREFIX, BETTER_AUTH_SECRET: SECRET };
    cwd = tempDir();
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it("creates an admin with Better-Auth's password hash; no session is left behind", async () => {
    const result = await cli(["admin", "create", "--email", "Boss@Example.test", "--username", "The_Boss", "--password", "correct horse battery"], { cwd, env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toBe("✓ created admin the_boss (boss@example.test)");
    const user = await db.user.findUniqueOrThrow({ where: { username: "the_boss" }, include: { accounts: true, sessions: true } });
    expect(user).toMatchObject({ email: "boss@example.test", role: "admin" });
    expect(user.sessions).toHaveLength(0);
    const account = user.accounts.find((a) => a.providerId === "credential");
    expect(await verifyPassword({ hash: account?.password ?? "", password: "correct horse battery" })).toBe(true);
    expect(await db.auditLog.count({ where: { targetId: user.id, action: "user.set_role" } })).toBe(1);
  });

  it("without --password and without a TTY, generates a strong one and prints it once", async () => {
    const result = await cli(["admin", "create", "--email", "ops@example.test", "--username", "ops"], { cwd, env });
    expect(result.exitCode, result.stderr).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("✓ created admin ops (ops@example.test)");
    const password = lines[2];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const account = await db.account.findFirstOrThrow({ where: { user: { username: "ops" }, providerId: "credential" } });
    expect(await verifyPassword({ hash: account.password ?? "", password })).toBe(true);
  });

  it("promotes an existing user found by username (password unchanged); again says already admin", async () => {
    await db.user.create({ data: { id: randomUUID(), name: "Carol", email: "carol@example.test", username: "carol" } });
    const result = await cli(["admin", "create", "--email", "someone-else@example.test", "--username", "carol"], { cwd, env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/promoted carol/);
    expect((await db.user.findUniqueOrThrow({ where: { username: "carol" } })).role).toBe("admin");
    expect(await db.user.count({ where: { email: "someone-else@example.test" } })).toBe(0);

    const again = await cli(["admin", "create", "--email", "carol@example.test", "--username", "carol"], { cwd, env });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/already an admin/);
  });

  it("bad email, username or password: exit 1, one line, nothing created", async () => {
    const before = await db.user.count();
    for (const [args, flag] of [
      [["--email", "not-an-email", "--username", "dave"], "--email"],
      [["--email", "dave@example.test", "--username", "d!"], "--username"],
      [["--email", "dave@example.test", "--username", "dave", "--password", "short"], "--password"],
    ] as const) {
      const result = await cli(["admin", "create", ...args], { cwd, env });
      expect(result.exitCode, flag).toBe(1);
      expect(stderrLines(result), flag).toEqual([expect.stringContaining(flag)]);
    }
    expect(await db.user.count()).toBe(before);
  });

  it("a created admin signs in over HTTP", async () => {
    const created = await cli(["admin", "create", "--email", "web@example.test", "--username", "web_admin", "--password", "web-admin-pass"], { cwd, env });
    expect(created.exitCode, created.stderr).toBe(0);
    const server = await startTestServer({ databaseUrl: database.url, redisPrefix: PREFIX });
    try {
      const client = new HttpClient(server.url);
      const signIn = await client.request("POST", "/api/auth/sign-in/email", { email: "web@example.test", password: "web-admin-pass" });
      expect(signIn.status).toBe(200);
      const byUsername = await new HttpClient(server.url).request("POST", "/api/auth/sign-in/email", { username: "web_admin", password: "web-admin-pass" });
      expect(byUsername.status).toBe(200);
      const wrong = await new HttpClient(server.url).request("POST", "/api/auth/sign-in/email", { email: "web@example.test", password: "nope-nope-nope" });
      expect(wrong.status).toBe(401);
    } finally {
      await server.stop();
    }
  });

});

describe("doctor", () => {
  // Its own database: the admin tests above leave user.registered events in the outbox, which
  // (with no worker running) the outbox check rightly reports once they are a minute old.
  let database: TestDatabase;
  let env: Record<string, string>;
  let cwd: string;
  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    env = { DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX: PREFIX, BETTER_AUTH_SECRET: SECRET };
    cwd = tempDir();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("doctor: everything fine but no worker → ✓ lines, a ✗ worker line, exit 1; with a heartbeat → exit 0", async () => {
    const result = await cli(["doctor"], { cwd, env });
    expect(result.exitCode).toBe(1);
    const lines = result.stdout.trim().split("\n");
    // The base checks come first; features append theirs after.
    expect(lines.slice(0, 5).map((line) => line.split(":")[0])).toEqual(["✓ Config", "✓ PostgreSQL", "✓ Migrations", "✓ Redis", "✗ Worker"]);
    expect(lines.slice(5).filter((line) => !line.startsWith("✓"))).toEqual([]);
    expect(lines[4]).toContain("no worker heartbeat (is `community-engine start` running?)");
    expect(lines[2]).toContain(`up to date (${MIGRATION_COUNT} applied)`);

    const redis = new Redis(REDIS_URL);
    const heartbeat = startHeartbeat({ redis, id: "cli-test-worker", prefix: PREFIX });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const healthy = await cli(["doctor"], { cwd, env });
      expect(healthy.exitCode, healthy.stdout).toBe(0);
      expect(healthy.stdout).toMatch(/^✓ Worker: 1 alive/m);
    } finally {
      await heartbeat.stop();
      redis.disconnect();
    }
  });

  it("doctor: Redis on a closed port → ✗ Redis, worker skipped, Postgres still checked, exit 1", async () => {
    const result = await cli(["doctor"], { cwd, env: { ...env, REDIS_URL: "redis://127.0.0.1:1" } });
    expect(result.exitCode).toBe(1);
    const lines = result.stdout.trim().split("\n");
    expect(lines[1]).toMatch(/^✓ PostgreSQL/);
    expect(lines[3]).toMatch(/^✗ Redis: unreachable at redis:\/\/127\.0\.0\.1:1/);
    expect(lines[4]).toMatch(/^– Worker: skipped/);
  });

  it("doctor: pending migrations and a bad secret are reported without hiding the rest", async () => {
    const empty = await createTestDatabase();
    try {
      const result = await cli(["doctor"], { cwd, env: { ...env, DATABASE_URL: empty.url, BETTER_AUTH_SECRET: "short" } });
      expect(result.exitCode).toBe(1);
      const lines = result.stdout.trim().split("\n");
      expect(lines[0]).toMatch(/^✗ Config: BETTER_AUTH_SECRET/);
      expect(lines[1]).toMatch(/^✓ PostgreSQL/);
      expect(lines[2]).toMatch(new RegExp(`^✗ Migrations: ${MIGRATION_COUNT} pending`));
      expect(lines[3]).toMatch(/^✓ Redis/);
    } finally {
      await empty.drop();
    }
  });
});

describe("temp files", () => {
  it("no test left a stray .env temp file", () => {
    for (const dir of tempDirs.filter(existsSync)) {
      expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    }
  });
});
