import path from "node:path";
import type { Command } from "commander";
import { readEnv, type Env } from "../../lib/config";
import { AppError } from "../../lib/errors/app-error";
import { getMigrationStatus, type MigrationStatus } from "../../lib/migrations/migration-status";
import { runMigrations } from "../../lib/migrations/run-migrations";
import { packageRoot } from "../../lib/paths";
import { failureReason } from "../../lib/setup/failure-reason";
import { maskUrl } from "../../lib/setup/mask-url";
import { requireDatabaseUrl } from "../../lib/setup/require-database-url";

export type MigrateOptions = {
  status?: boolean;
  /** Where `.env` is read from (default: the current directory). */
  cwd?: string;
  /** Default: process.env (wins over `.env`). */
  env?: Env;
  /** Default: the package's prisma/migrations. */
  migrationsDir?: string;
  output?: (line: string) => void;
};

export type MigrateResult = { applied: string[]; status?: MigrationStatus };

/** `community-engine migrate [--status]` (API.md): exit 0 applied / up to date, 1 failed. */
export function registerMigrateCommand(program: Command): void {
  program
    .command("migrate")
    .description("Apply pending database migrations (safe to run twice or from several hosts at once)")
    .option("--status", "list applied and pending migrations without changing anything")
    .action(async (options: MigrateOptions) => {
      await runMigrate({ status: options.status });
    });
}

/** The migrations shipped with this package (works from source and from dist/cli.js). */
export function packageMigrationsDir(): string {
  return path.join(packageRoot(), "prisma", "migrations");
}

export async function runMigrate(options: MigrateOptions = {}): Promise<MigrateResult> {
  const output = options.output ?? ((line: string) => process.stdout.write(`${line}\n`));
  const databaseUrl = requireDatabaseUrl(readEnv({ cwd: options.cwd, env: options.env }));
  const migrationsDir = options.migrationsDir ?? packageMigrationsDir();

  if (options.status) {
    const status = await withOneLineFailure(databaseUrl, () => getMigrationStatus({ databaseUrl, migrationsDir }));
    for (const line of formatStatus(status)) output(line);
    return { applied: [], status };
  }

  const result = await withOneLineFailure(databaseUrl, () =>
    runMigrations({ databaseUrl, migrationsDir, log: (message) => output(`… ${message}`) }),
  );
  const total = result.alreadyApplied + result.applied.length;
  const applied = result.applied.length > 0 ? `Applied ${result.applied.length} migration(s); database` : "Database";
  output(`✓ ${applied} is up to date (${total} migrations)`);
  return { applied: result.applied };
}

export function formatStatus(status: MigrationStatus): string[] {
  const changed = new Set(status.changed);
  const lines = [
    ...status.applied.map((name) => `applied  ${name}${changed.has(name) ? "  (file changed since it was applied!)" : ""}`),
    ...status.pending.map((name) => `pending  ${name}`),
    ...status.failed.map((name) => `failed   ${name}  (started but never finished)`),
    ...status.unknown.map((name) => `unknown  ${name}  (in the database, not in this version)`),
  ];
  const summary =
    status.pending.length === 0
      ? `Database is up to date (${status.applied.length} migrations)`
      : `${status.pending.length} pending: run \`community-engine migrate\``;
  return [...lines, summary];
}

/**
 * API.md: migrate exits 1 on any failure, unreachable database included (runMigrations
 * reports that as UNAVAILABLE, which would be exit 2 elsewhere).
 */
async function withOneLineFailure<T>(databaseUrl: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.code !== "UNAVAILABLE") throw error;
    const reason = error instanceof AppError ? error.message : `Cannot reach PostgreSQL at ${maskUrl(databaseUrl)}: ${failureReason(error)}`;
    throw new AppError("INTERNAL", reason, {}, { cause: error });
  }
}
