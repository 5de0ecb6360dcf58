import { Client } from "pg";
import { readAppliedMigrations } from "./prisma-migrations-table";
import { type LocalMigration, readMigrations } from "./read-migrations";

export type MigrationStatus = {
  applied: string[];
  pending: string[];
  /** Applied migrations whose file no longer matches the recorded checksum. */
  changed: string[];
  /** Started but never finished (a failed `prisma migrate`), not rolled back. */
  failed: string[];
  /** Recorded in the database but not shipped in this version. */
  unknown: string[];
};

/** Compares the shipped migrations with the database's `_prisma_migrations` rows. */
export function compareMigrations(
  local: LocalMigration[],
  applied: Awaited<ReturnType<typeof readAppliedMigrations>>,
): MigrationStatus {
  const live = applied.filter((row) => row.rolled_back_at === null);
  const finished = new Map(
    live.filter((row) => row.finished_at !== null).map((row) => [row.migration_name, row]),
  );
  const localNames = new Set(local.map((migration) => migration.name));
  return {
    applied: local.filter((m) => finished.has(m.name)).map((m) => m.name),
    pending: local.filter((m) => !finished.has(m.name)).map((m) => m.name),
    changed: local
      .filter(
        (m) =>
          finished.has(m.name) && !m.acceptedChecksums.includes(finished.get(m.name)!.checksum),
      )
      .map((m) => m.name),
    failed: live.filter((row) => row.finished_at === null).map((row) => row.migration_name),
    unknown: [...finished.keys()].filter((name) => !localNames.has(name)),
  };
}

export async function getMigrationStatus(options: {
  databaseUrl: string;
  migrationsDir: string;
}): Promise<MigrationStatus> {
  const client = new Client({
    connectionString: options.databaseUrl,
    connectionTimeoutMillis: 5000,
  });
  await client.connect();
  try {
    return compareMigrations(readMigrations(options), await readAppliedMigrations(client));
  } finally {
    await client.end();
  }
}
