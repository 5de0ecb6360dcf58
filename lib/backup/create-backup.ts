import { rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { AppError } from "../errors/app-error";
import { APP_VERSION } from "../version";
import { type BackupManifest, manifestPathFor } from "./backup-manifest";
import { fileSha256 } from "./file-sha256";
import { libpqConnection } from "./libpq-connection";
import { readDatabaseSummary } from "./read-database-summary";
import { runPgTool } from "./run-pg-tool";

export type CreateBackupOptions = {
  databaseUrl: string;
  /** Where the dump goes; default `community-engine-<UTC timestamp>.dump` in the working directory. */
  out?: string;
  now?: Date;
};

export type CreateBackupResult = { file: string; manifestFile: string; manifest: BackupManifest };

/**
 * `pg_dump --format=custom` of the site's database plus a sidecar manifest. The counts in the
 * manifest are read inside the very snapshot pg_dump dumps (pg_export_snapshot), so they
 * match the dump exactly even while the site keeps writing. The dump is written to a
 * temporary name and renamed at the end: a failed backup never leaves a file that looks good.
 */
export async function createBackup(options: CreateBackupOptions): Promise<CreateBackupResult> {
  const now = options.now ?? new Date();
  const file = path.resolve(options.out ?? `community-engine-${timestamp(now)}.dump`);
  const partial = `${file}.partial`;
  const connection = libpqConnection(options.databaseUrl);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new AppError("UNAVAILABLE", `Cannot reach PostgreSQL: ${(error as Error).message}`);
  }
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows } = await client.query<{ snapshot: string }>("SELECT pg_export_snapshot() AS snapshot");
    const summary = await readDatabaseSummary({ query: async (sql) => (await client.query(sql)).rows });
    await runPgTool({
      tool: "pg_dump",
      args: ["--format=custom", `--snapshot=${rows[0].snapshot}`, `--file=${partial}`, `--dbname=${connection.url}`],
      env: connection.env,
    });
    await client.query("COMMIT");
    await rename(partial, file);
    const manifest: BackupManifest = {
      format: "community-engine-backup",
      formatVersion: 1,
      appVersion: APP_VERSION,
      lastMigration: summary.lastMigration,
      createdAt: now.toISOString(),
      database: connection.database,
      dumpFile: path.basename(file),
      dumpBytes: (await stat(file)).size,
      dumpSha256: await fileSha256(file),
      counts: summary.counts,
    };
    const manifestFile = manifestPathFor(file);
    await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    return { file, manifestFile, manifest };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await client.end();
  }
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "").replace("T", "-");
}
