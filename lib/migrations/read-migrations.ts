import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { AppError } from "../errors/app-error";

export type LocalMigration = {
  /** The folder name, e.g. `20261125000000_init` (Prisma's `migration_name`). */
  name: string;
  sql: string;
  /** What Prisma records: the sha256 hex of migration.sql's bytes. */
  checksum: string;
  /**
   * Checksums a recorded row may carry for this same file: like Prisma, a file whose line
   * endings git converted (LF <-> CRLF) still counts as unchanged.
   */
  acceptedChecksums: string[];
};

/** The migrations shipped in `migrationsDir` (folders holding a migration.sql), in name (timestamp) order. */
export function readMigrations(options: { migrationsDir: string }): LocalMigration[] {
  if (!existsSync(options.migrationsDir)) {
    throw new AppError("NOT_FOUND", `Migrations folder ${options.migrationsDir} does not exist`);
  }
  return readdirSync(options.migrationsDir, { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() &&
        existsSync(path.join(options.migrationsDir, entry.name, "migration.sql")),
    )
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(options.migrationsDir, name, "migration.sql"));
      const sql = bytes.toString("utf8");
      const checksum = sha256(bytes);
      const acceptedChecksums = [
        ...new Set([
          checksum,
          sha256(sql.replaceAll("\r\n", "\n")),
          sha256(sql.replaceAll("\n", "\r\n")),
        ]),
      ];
      return { name, sql, checksum, acceptedChecksums };
    });
}

function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
