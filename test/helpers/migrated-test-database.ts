import path from "node:path";
import { runMigrations } from "../../lib/migrations/run-migrations";
import { createTestDatabase } from "./test-database";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

/** A fresh database with every migration applied; drop() it in afterAll. */
export async function createMigratedTestDatabase(): Promise<Awaited<ReturnType<typeof createTestDatabase>>> {
  const database = await createTestDatabase();
  await runMigrations({ databaseUrl: database.url, migrationsDir: MIGRATIONS_DIR });
  return database;
}
