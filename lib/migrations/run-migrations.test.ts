import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";
import { afterAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/test-database";
import { AppError } from "../errors/app-error";
import { getMigrationStatus } from "./migration-status";
import { readMigrations } from "./read-migrations";
import { runMigrations } from "./run-migrations";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");
const SHIPPED = readMigrations({ migrationsDir: MIGRATIONS_DIR }).map((m) => m.name);

const databases: TestDatabase[] = [];
const tempDirs: string[] = [];

afterAll(async () => {
  await Promise.all(databases.map((database) => database.drop()));
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function newDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase({ label: "mig" });
  databases.push(database);
  return database;
}

async function query<T extends Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function recordedRows(url: string) {
  return query<{
    id: string;
    migration_name: string;
    checksum: string;
    finished_at: Date | null;
    rolled_back_at: Date | null;
    logs: string | null;
    started_at: Date;
    applied_steps_count: number;
  }>(url, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
}

async function tableExists(url: string, table: string): Promise<boolean> {
  const rows = await query<{ present: boolean }>(
    url,
    `SELECT to_regclass($1) IS NOT NULL AS present`,
    [`"${table}"`],
  );
  return rows[0].present;
}

/** A temp migrations folder: `migrations` are name -> SQL; `copyShipped` starts from ours. */
function migrationsDir(migrations: Record<string, string> = {}, copyShipped = false): string {
  const dir = mkdtempSync(path.join(tmpdir(), "ce-migrations-"));
  tempDirs.push(dir);
  if (copyShipped) cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  for (const [name, sql] of Object.entries(migrations)) {
    mkdirSync(path.join(dir, name), { recursive: true });
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe("runMigrations", () => {
  test("applies every shipped migration to a fresh database, with Prisma's bookkeeping", async () => {
    const db = await newDatabase();
    const logged: string[] = [];

    const result = await runMigrations({
      databaseUrl: db.url,
      migrationsDir: MIGRATIONS_DIR,
      log: (m) => logged.push(m),
    });

    expect(SHIPPED.length).toBeGreaterThanOrEqual(2);
    expect(result).toEqual({ applied: SHIPPED, alreadyApplied: 0 });
    expect(logged).toEqual(SHIPPED.map((name) => `Applying ${name}`));
    expect(await tableExists(db.url, "question")).toBe(true);

    const rows = await recordedRows(db.url);
    expect(rows.map((row) => row.migration_name)).toEqual(SHIPPED);
    for (const row of rows) {
      const file = readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }

    // The table is exactly the one `prisma migrate` creates (schema-engine's postgres flavour).
    const columns = await query(
      db.url,
      `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      {
        column_name: "id",
        data_type: "character varying",
        length: 36,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "checksum",
        data_type: "character varying",
        length: 64,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "finished_at",
        data_type: "timestamp with time zone",
        length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "migration_name",
        data_type: "character varying",
        length: 255,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "logs",
        data_type: "text",
        length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "rolled_back_at",
        data_type: "timestamp with time zone",
        length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "started_at",
        data_type: "timestamp with time zone",
        length: null,
        is_nullable: "NO",
        column_default: "now()",
      },
      {
        column_name: "applied_steps_count",
        data_type: "integer",
        length: null,
        is_nullable: "NO",
        column_default: "0",
      },
    ]);
    const pk = await query(
      db.url,
      `SELECT conname FROM pg_constraint WHERE conrelid = '"_prisma_migrations"'::regclass AND contype = 'p'`,
    );
    expect(pk).toEqual([{ conname: "_prisma_migrations_pkey" }]);

    expect(
      await getMigrationStatus({ databaseUrl: db.url, migrationsDir: MIGRATIONS_DIR }),
    ).toEqual({
      applied: SHIPPED,
      pending: [],
      changed: [],
      failed: [],
      unknown: [],
    });

    // A second run finds nothing to do ("up to date").
    const again = await runMigrations({ databaseUrl: db.url, migrationsDir: MIGRATIONS_DIR });
    expect(again).toEqual({ applied: [], alreadyApplied: SHIPPED.length });
    expect(await recordedRows(db.url)).toHaveLength(SHIPPED.length);
  });

  test("status of a fresh database: everything pending, nothing created", async () => {
    const db = await newDatabase();
    expect(
      await getMigrationStatus({ databaseUrl: db.url, migrationsDir: MIGRATIONS_DIR }),
    ).toEqual({
      applied: [],
      pending: SHIPPED,
      changed: [],
      failed: [],
      unknown: [],
    });
    expect(await tableExists(db.url, "_prisma_migrations")).toBe(false);
  });

  test("the manual migration's constraints, generated column and indexes are in place", async () => {
    const db = await newDatabase();
    await runMigrations({ databaseUrl: db.url, migrationsDir: MIGRATIONS_DIR });

    const constraints = await query<{ conname: string }>(
      db.url,
      `SELECT conname FROM pg_constraint WHERE contype = 'c' ORDER BY conname`,
    );
    expect(constraints.map((c) => c.conname)).toEqual(
      expect.arrayContaining([
        "user_reputation_check",
        "vote_one_target_check",
        "vote_value_check",
      ]),
    );
    const indexes = await query<{ indexname: string; indexdef: string }>(
      db.url,
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'`,
    );
    const index = (name: string) => indexes.find((i) => i.indexname === name)?.indexdef;
    expect(index("question_searchVector_idx")).toMatch(/USING gin \("searchVector"\)/);
    expect(index("tag_name_trgm_idx")).toMatch(/USING gin \(name gin_trgm_ops\)/);
    expect(index("notification_unread_idx")).toMatch(/\("userId"\) WHERE \("readAt" IS NULL\)/);
    expect(index("outbox_pending_idx")).toMatch(/\("createdAt"\) WHERE/);

    await query(
      db.url,
      `INSERT INTO "user" (id, name, email, username) VALUES ('u1', 'U', 'u@example.com', 'u')`,
    );
    await query(
      db.url,
      `INSERT INTO question (title, body, "authorId") VALUES ('Postgres indexes', 'GIN or GiST', 'u1')`,
    );
    const [question] = await query<{ id: number; matches: boolean }>(
      db.url,
      `SELECT id, "searchVector" @@ plainto_tsquery('english', 'index') AS matches FROM question`,
    );
    expect(question.matches).toBe(true);
    await expect(query(db.url, `UPDATE question SET "searchVector" = NULL`)).rejects.toThrow(
      /can only be updated to DEFAULT/,
    );
    await expect(query(db.url, `UPDATE "user" SET reputation = 0`)).rejects.toThrow(
      /user_reputation_check/,
    );
    await expect(
      query(db.url, `INSERT INTO vote ("userId", "questionId", value) VALUES ('u1', $1, 2)`, [
        question.id,
      ]),
    ).rejects.toThrow(/vote_value_check/);
    await expect(
      query(db.url, `INSERT INTO vote ("userId", value) VALUES ('u1', 1)`),
    ).rejects.toThrow(/vote_one_target_check/);
    await query(db.url, `INSERT INTO vote ("userId", "questionId", value) VALUES ('u1', $1, -1)`, [
      question.id,
    ]);
  });

  test("concurrent runs serialise on Prisma's advisory lock: each migration recorded exactly once", async () => {
    const db = await newDatabase();

    const results = await Promise.all(
      [1, 2, 3].map(() => runMigrations({ databaseUrl: db.url, migrationsDir: MIGRATIONS_DIR })),
    );

    expect(
      results
        .map((r) => r.applied)
        .flat()
        .sort(),
    ).toEqual(SHIPPED);
    // Whoever got the lock applied everything; the others found nothing to do.
    expect(results.filter((r) => r.applied.length === SHIPPED.length)).toHaveLength(1);
    expect(
      results.filter((r) => r.applied.length === 0 && r.alreadyApplied === SHIPPED.length),
    ).toHaveLength(2);
    const counts = await query<{ migration_name: string; n: number }>(
      db.url,
      `SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY migration_name ORDER BY migration_name`,
    );
    expect(counts).toEqual(SHIPPED.map((name) => ({ migration_name: name, n: 1 })));
  });

  test("a failing migration leaves nothing behind; earlier ones stay applied; fixing it resumes", async () => {
    const db = await newDatabase();
    const dir = migrationsDir({
      "20260101000000_first": `CREATE TABLE first_table (id int PRIMARY KEY);\n`,
      "20260102000000_broken": `CREATE TABLE second_table (id int PRIMARY KEY);\nINSERT INTO second_table VALUES (1);\nSELECT no_such_function();\n`,
      "20260103000000_third": `CREATE TABLE third_table (id int PRIMARY KEY);\n`,
    });

    const failure = await runMigrations({ databaseUrl: db.url, migrationsDir: dir }).catch(
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).message).toContain("20260102000000_broken");
    expect((failure as AppError).message).toContain("function no_such_function() does not exist");
    expect(await tableExists(db.url, "first_table")).toBe(true);
    expect(await tableExists(db.url, "second_table")).toBe(false);
    expect(await tableExists(db.url, "third_table")).toBe(false);
    const rows = await recordedRows(db.url);
    expect(
      rows.map((row) => [row.migration_name, row.finished_at !== null, row.applied_steps_count]),
    ).toEqual([["20260101000000_first", true, 1]]);
    expect(await getMigrationStatus({ databaseUrl: db.url, migrationsDir: dir })).toMatchObject({
      applied: ["20260101000000_first"],
      pending: ["20260102000000_broken", "20260103000000_third"],
      failed: [],
    });

    // Nothing was recorded for the broken one, so fixing the file is enough.
    writeFileSync(
      path.join(dir, "20260102000000_broken", "migration.sql"),
      `CREATE TABLE second_table (id int PRIMARY KEY);\n`,
    );
    const resumed = await runMigrations({ databaseUrl: db.url, migrationsDir: dir });
    expect(resumed).toEqual({
      applied: ["20260102000000_broken", "20260103000000_third"],
      alreadyApplied: 1,
    });
    expect(await tableExists(db.url, "third_table")).toBe(true);
  });

  test("refuses, applying nothing, when an applied migration's file changed", async () => {
    const db = await newDatabase();
    const dir = migrationsDir({}, true);
    await runMigrations({ databaseUrl: db.url, migrationsDir: dir });
    const changed = SHIPPED[SHIPPED.length - 1];
    const file = path.join(dir, changed, "migration.sql");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n-- edited after it was applied\n`);
    mkdirSync(path.join(dir, "29990101000000_later"));
    writeFileSync(
      path.join(dir, "29990101000000_later", "migration.sql"),
      `CREATE TABLE later_table (id int);\n`,
    );

    const failure = await runMigrations({ databaseUrl: db.url, migrationsDir: dir }).catch(
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: "CONFLICT" });
    expect((failure as AppError).message).toContain(changed);
    expect((failure as AppError).message).toMatch(/checksum/);
    expect(await tableExists(db.url, "later_table")).toBe(false);
    expect(await recordedRows(db.url)).toHaveLength(SHIPPED.length);
    expect(await getMigrationStatus({ databaseUrl: db.url, migrationsDir: dir })).toMatchObject({
      changed: [changed],
      pending: ["29990101000000_later"],
    });
  });

  test("a file whose line endings git converted still matches its checksum (as in Prisma)", async () => {
    const db = await newDatabase();
    const dir = migrationsDir({
      "20260101000000_first": `CREATE TABLE first_table (id int);\nCREATE TABLE other_table (id int);\n`,
    });
    await runMigrations({ databaseUrl: db.url, migrationsDir: dir });
    const file = path.join(dir, "20260101000000_first", "migration.sql");
    writeFileSync(file, readFileSync(file, "utf8").replaceAll("\n", "\r\n"));

    expect(await getMigrationStatus({ databaseUrl: db.url, migrationsDir: dir })).toMatchObject({
      changed: [],
    });
    expect(await runMigrations({ databaseUrl: db.url, migrationsDir: dir })).toEqual({
      applied: [],
      alreadyApplied: 1,
    });
  });

  test("refuses when the database holds a failed (unfinished, not rolled back) migration", async () => {
    const db = await newDatabase();
    const dir = migrationsDir({
      "20260101000000_first": `CREATE TABLE first_table (id int);\n`,
      "20260102000000_second": `CREATE TABLE second_table (id int);\n`,
    });
    await runMigrations({
      databaseUrl: db.url,
      migrationsDir: migrationsDir({
        "20260101000000_first": `CREATE TABLE first_table (id int);\n`,
      }),
    });
    // What a crashed `prisma migrate deploy` leaves behind.
    await query(
      db.url,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, applied_steps_count)
       VALUES (gen_random_uuid()::text, $1, '20260102000000_second', 'boom', 0)`,
      [readMigrations({ migrationsDir: dir })[1].checksum],
    );

    const failure = await runMigrations({ databaseUrl: db.url, migrationsDir: dir }).catch(
      (error: unknown) => error,
    );

    expect(failure).toMatchObject({ code: "CONFLICT" });
    expect((failure as AppError).message).toContain("20260102000000_second");
    expect((failure as AppError).message).toMatch(/failed earlier/);
    expect(await tableExists(db.url, "second_table")).toBe(false);
    expect(await getMigrationStatus({ databaseUrl: db.url, migrationsDir: dir })).toMatchObject({
      failed: ["20260102000000_second"],
    });

    // `prisma migrate resolve --rolled-back` marks it; then it is simply pending again.
    await query(
      db.url,
      `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE finished_at IS NULL`,
    );
    expect(await runMigrations({ databaseUrl: db.url, migrationsDir: dir })).toEqual({
      applied: ["20260102000000_second"],
      alreadyApplied: 1,
    });
    expect(await tableExists(db.url, "second_table")).toBe(true);
  });

  test("refuses when the database has an applied migration this version doesn't ship", async () => {
    const db = await newDatabase();
    const older = migrationsDir({ "20260101000000_first": `CREATE TABLE first_table (id int);\n` });
    const newer = migrationsDir({
      "20260101000000_first": `CREATE TABLE first_table (id int);\n`,
      "20260105000000_newer": `CREATE TABLE newer_table (id int);\n`,
    });
    await runMigrations({ databaseUrl: db.url, migrationsDir: newer });
    mkdirSync(path.join(older, "20260102000000_pending"));
    writeFileSync(
      path.join(older, "20260102000000_pending", "migration.sql"),
      `CREATE TABLE pending_table (id int);\n`,
    );

    const failure = await runMigrations({ databaseUrl: db.url, migrationsDir: older }).catch(
      (error: unknown) => error,
    );

    expect(failure).toMatchObject({ code: "CONFLICT" });
    expect((failure as AppError).message).toContain("20260105000000_newer");
    expect(await tableExists(db.url, "pending_table")).toBe(false);
    expect(await getMigrationStatus({ databaseUrl: db.url, migrationsDir: older })).toMatchObject({
      unknown: ["20260105000000_newer"],
    });
  });

  test("an unreachable database is UNAVAILABLE", async () => {
    await expect(
      runMigrations({
        databaseUrl: "postgresql://postgres@127.0.0.1:1/nowhere",
        migrationsDir: MIGRATIONS_DIR,
      }),
    ).rejects.toMatchObject({ code: "UNAVAILABLE" });
  });
});

// ---------- drift guard ----------

const DIFF_SCRIPT = path.join(ROOT, "scripts/migration-diff.sh");
const PRISMA6_CACHE =
  process.env.PRISMA6_CACHE_DIR ?? path.join(ROOT, "node_modules/.cache/prisma6");

/**
 * `scripts/migration-diff.sh`'s SQL for the current schema, cached by the inputs that shape it
 * (schema, script, its prisma config) so reruns skip the Prisma 6 start-up. Returns null when
 * prisma@6 is not installed and the npm registry cannot be reached to install it.
 */
async function schemaDiffSql(databaseUrl: string): Promise<string | null> {
  const key = createHash("sha256")
    .update(readFileSync(path.join(ROOT, "prisma/schema.prisma")))
    .update(readFileSync(DIFF_SCRIPT))
    .update(readFileSync(path.join(ROOT, "scripts/prisma6/prisma.config.ts")))
    .digest("hex")
    .slice(0, 16);
  const cached = path.join(PRISMA6_CACHE, `diff-${key}.sql`);
  if (existsSync(cached)) return readFileSync(cached, "utf8");

  const installed = existsSync(path.join(PRISMA6_CACHE, "node_modules/prisma/build/index.js"));
  if (!installed) {
    const reachable = await run("npm", ["ping", "--fetch-retries=0", "--fetch-timeout=15000"], {
      timeout: 30_000,
    }).then(
      () => true,
      () => false,
    );
    if (!reachable) return null;
  }
  const { stdout } = await run("bash", [DIFF_SCRIPT], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    timeout: 280_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  mkdirSync(PRISMA6_CACHE, { recursive: true });
  writeFileSync(cached, stdout);
  return stdout;
}

async function executeSql(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * pg_dump's schema, minus what differs between two equivalent databases: comments, blank and
 * SET lines, the per-dump `\restrict` keys and Prisma's bookkeeping table. Column lines inside
 * CREATE TABLE are sorted: a column that a later migration adds lands after one the `_manual`
 * migration re-added, while the from-empty diff puts it before; the order is not drift.
 */
async function dumpSchema(url: string): Promise<string> {
  const { stdout } = await run(
    "pg_dump",
    [
      "--schema-only",
      "--no-owner",
      "--no-privileges",
      "--exclude-table=public._prisma_migrations",
      `--dbname=${url}`,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const lines = stdout
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => line !== "" && !line.startsWith("--"))
    .filter((line) => !/^SET /.test(line) && !/^SELECT pg_catalog\.set_config\(/.test(line))
    .filter((line) => !/^\\(un)?restrict /.test(line))
    .filter((line) => !line.includes("_prisma_migrations"));
  const out: string[] = [];
  let columns: string[] | null = null;
  for (const line of lines) {
    if (columns) {
      if (line === ");") {
        out.push(...columns.sort(), line);
        columns = null;
      } else {
        columns.push(line.replace(/,$/, ""));
      }
    } else {
      out.push(line);
      if (/^CREATE TABLE .* \($/.test(line)) columns = [];
    }
  }
  return out.join("\n");
}

describe("drift guard", () => {
  test("the migrations build exactly what `prisma migrate diff` makes of schema.prisma, plus the _manual migrations", async ({
    skip,
  }) => {
    const migrated = await newDatabase();
    const fromSchema = await newDatabase();

    const diffSql = await schemaDiffSql(fromSchema.url);
    if (diffSql === null) {
      skip(
        `prisma@6.19.3 is not installed in ${PRISMA6_CACHE} and the npm registry is unreachable: cannot run scripts/migration-diff.sh`,
      );
      return;
    }
    expect(diffSql).toMatch(/CREATE TABLE "question"/);

    await runMigrations({ databaseUrl: migrated.url, migrationsDir: MIGRATIONS_DIR });
    await executeSql(fromSchema.url, diffSql);
    for (const manual of readMigrations({ migrationsDir: MIGRATIONS_DIR }).filter((m) =>
      m.name.endsWith("_manual"),
    )) {
      await executeSql(fromSchema.url, manual.sql);
    }

    const [a, b] = await Promise.all([dumpSchema(migrated.url), dumpSchema(fromSchema.url)]);
    expect(a).toContain("CREATE TABLE public.question (");
    // On failure: schema.prisma changed without a migration (or a migration without the
    // schema). Write the missing migration: see scripts/migration-diff.sh.
    expect(a).toEqual(b);
  }, 300_000);
});
