import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { AppError } from "../errors/app-error";
import { compareMigrations } from "./migration-status";
import {
  CREATE_PRISMA_MIGRATIONS_TABLE,
  PRISMA_ADVISORY_LOCK_KEY,
  readAppliedMigrations,
} from "./prisma-migrations-table";
import { readMigrations } from "./read-migrations";

export type RunMigrationsOptions = {
  databaseUrl: string;
  migrationsDir: string;
  log?: (message: string) => void;
};

export type RunMigrationsResult = { applied: string[]; alreadyApplied: number };

/**
 * Applies pending migrations like `prisma migrate deploy`, without its engine binary:
 * under Prisma's advisory lock (concurrent runs serialise; the second finds nothing to do),
 * each migration and its `_prisma_migrations` row in one transaction (a failure leaves
 * nothing half-applied), refusing to run on a changed, failed or unknown migration.
 */
export async function runMigrations(options: RunMigrationsOptions): Promise<RunMigrationsResult> {
  const local = readMigrations(options);
  const client = new Client({
    connectionString: options.databaseUrl,
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new AppError(
      "UNAVAILABLE",
      `Cannot reach PostgreSQL: ${(error as Error).message}`,
      {},
      { cause: error },
    );
  }
  client.on("error", () => {});
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    await client.query(CREATE_PRISMA_MIGRATIONS_TABLE);
    const status = compareMigrations(local, await readAppliedMigrations(client));
    refuseUnsafeState(status);

    const applied: string[] = [];
    for (const migration of local.filter((m) => status.pending.includes(m.name))) {
      options.log?.(`Applying ${migration.name}`);
      try {
        await client.query("BEGIN");
        await client.query(migration.sql);
        // started_at = now() is the transaction's start; finished_at the wall clock after the SQL.
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw new AppError(
          "INTERNAL",
          `Migration ${migration.name} failed: ${(error as Error).message}`,
          {},
          { cause: error },
        );
      }
      applied.push(migration.name);
    }
    return { applied, alreadyApplied: status.applied.length };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]).catch(() => {});
    await client.end().catch(() => {});
  }
}

function refuseUnsafeState(status: ReturnType<typeof compareMigrations>): void {
  const list = (names: string[]) => names.join(", ");
  if (status.changed.length > 0) {
    throw new AppError(
      "CONFLICT",
      `Migration ${list(status.changed)} was changed after it was applied (checksum differs); restore the original file. Nothing was applied`,
    );
  }
  if (status.failed.length > 0) {
    throw new AppError(
      "CONFLICT",
      `Migration ${list(status.failed)} failed earlier and was not rolled back (finished_at and rolled_back_at are empty in _prisma_migrations); fix the database, then mark it rolled back. Nothing was applied`,
    );
  }
  if (status.unknown.length > 0) {
    throw new AppError(
      "CONFLICT",
      `The database has migration ${list(status.unknown)} that this version doesn't ship: is it a newer version? Nothing was applied`,
    );
  }
}
