import { access } from "node:fs/promises";
import pg from "pg";
import { AppError } from "../errors/app-error";
import { runMigrations } from "../migrations/run-migrations";
import { type BackupManifest, readBackupManifest } from "./backup-manifest";
import { fileSha256 } from "./file-sha256";
import { libpqConnection } from "./libpq-connection";
import { type DatabaseSummary, readDatabaseSummary } from "./read-database-summary";
import { runPgTool } from "./run-pg-tool";

export type RestoreBackupOptions = {
  databaseUrl: string;
  file: string;
  /** Replace a database that already has users or questions. */
  force?: boolean;
  migrationsDir: string;
};

export type RestoreBackupResult = { manifest: BackupManifest | null; before: DatabaseSummary; after: DatabaseSummary };

/**
 * Restores a `backup` dump: refuses a database holding any user or question unless `force`,
 * checks the dump against its manifest's checksum, runs `pg_restore --clean --if-exists
 * --no-owner` in a single transaction (all or nothing), then applies any migrations newer than
 * the dump, so an old backup comes back at the schema this version expects.
 */
export async function restoreBackup(options: RestoreBackupOptions): Promise<RestoreBackupResult> {
  try {
    await access(options.file);
  } catch {
    throw new AppError("NOT_FOUND", `Backup file not found: ${options.file}`);
  }
  const manifest = await readBackupManifest(options.file);
  if (manifest && (await fileSha256(options.file)) !== manifest.dumpSha256) {
    throw new AppError("VALIDATION_FAILED", `${options.file} does not match its manifest's checksum (truncated or altered?)`);
  }
  const before = await summarise(options.databaseUrl);
  if (!options.force && (before.counts.user > 0 || before.counts.question > 0)) {
    throw new AppError(
      "VALIDATION_FAILED",
      `The database is not empty (${before.counts.user} users, ${before.counts.question} questions): pass --force to replace it`,
    );
  }
  const connection = libpqConnection(options.databaseUrl);
  await runPgTool({
    tool: "pg_restore",
    args: ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${connection.url}`, options.file],
    env: connection.env,
  });
  await runMigrations({ databaseUrl: options.databaseUrl, migrationsDir: options.migrationsDir });
  await analyze(options.databaseUrl);
  return { manifest, before, after: await summarise(options.databaseUrl) };
}

/**
 * pg_restore leaves the planner without statistics until autovacuum gets to the tables; a
 * restored site would plan its first minutes as if every table were tiny (lib/demo/seed-demo.ts).
 */
async function analyze(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

async function summarise(databaseUrl: string): Promise<DatabaseSummary> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new AppError("UNAVAILABLE", `Cannot reach PostgreSQL: ${(error as Error).message}`);
  }
  try {
    return await readDatabaseSummary({ query: async (sql) => (await client.query(sql)).rows });
  } finally {
    await client.end();
  }
}
