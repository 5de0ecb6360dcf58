import { getConfig } from "../lib/config";
import { createDb, type Db } from "../lib/db";

/**
 * Runs an admin command against the configured database with a small pool, and always closes
 * it. Commands write to Postgres directly, so they work on a running site without a restart.
 */
export async function withCliDb<T>(run: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb({ databaseUrl: getConfig().DATABASE_URL, max: 2 });
  try {
    return await run(db);
  } finally {
    await db.$disconnect();
  }
}
