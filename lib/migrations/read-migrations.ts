import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type LocalMigration = { name: string; sql: string; checksum: string };

/**
 * The migrations shipped in `migrationsDir`, in name (timestamp) order. The checksum is what
 * Prisma stores: the sha256 hex of the file's bytes.
 */
export function readMigrations(options: { migrationsDir: string }): LocalMigration[] {
  return readdirSync(options.migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(options.migrationsDir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(options.migrationsDir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}
