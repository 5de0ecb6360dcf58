/** Runs one read-only SQL statement (no parameters) and returns its rows. */
export type SqlQuery = (sql: string) => Promise<Array<Record<string, unknown>>>;

export type DatabaseSummary = {
  /** The newest applied migration (Prisma bookkeeping), null before the first migration. */
  lastMigration: string | null;
  counts: Record<(typeof COUNTED_TABLES)[number], number>;
};

/** Tables whose row counts go into a backup manifest and are compared after a restore. */
export const COUNTED_TABLES = ["user", "question", "answer", "vote", "tag", "reputation_event", "notification", "audit_log"] as const;

/**
 * Row counts and the last migration; missing tables (an empty database) count as 0. Takes a
 * query function so a backup can read them inside the very snapshot pg_dump exports.
 * Every identifier here comes from the constant list above, never from input.
 */
export async function readDatabaseSummary(options: { query: SqlQuery }): Promise<DatabaseSummary> {
  const { query } = options;
  const counts = {} as DatabaseSummary["counts"];
  for (const table of COUNTED_TABLES) {
    const [exists] = await query(`SELECT to_regclass('public."${table}"')::text AS name`);
    counts[table] = exists?.name ? Number((await query(`SELECT count(*)::int AS n FROM "${table}"`))[0].n) : 0;
  }
  let lastMigration: string | null = null;
  const [bookkeeping] = await query(`SELECT to_regclass('public._prisma_migrations')::text AS name`);
  if (bookkeeping?.name) {
    const [row] = await query(
      `SELECT migration_name FROM _prisma_migrations
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name DESC LIMIT 1`,
    );
    lastMigration = (row?.migration_name as string | undefined) ?? null;
  }
  return { lastMigration, counts };
}
