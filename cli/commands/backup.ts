import path from "node:path";
import type { Command } from "commander";
import { createBackup } from "../../lib/backup/create-backup";
import { restoreBackup } from "../../lib/backup/restore-backup";
import { getConfig } from "../../lib/config";
import { packageRoot } from "../../lib/paths";

/** `community-engine backup` / `restore`: pg_dump archives with a sidecar manifest (docs/backups.md). */
export function registerBackupCommands(program: Command): void {
  program
    .command("backup")
    .description("Dump the database (pg_dump custom format) plus a <file>.manifest.json")
    .option("--out <file>", "where to write the dump (default: community-engine-<timestamp>.dump)")
    .action(async (options: { out?: string }) => {
      const { file, manifestFile, manifest } = await createBackup({ databaseUrl: getConfig().DATABASE_URL, out: options.out });
      const counts = Object.entries(manifest.counts).map(([table, n]) => `${n} ${table}`).join(", ");
      process.stdout.write(
        `✓ backup written: ${file} (${formatBytes(manifest.dumpBytes)})\n` +
          `  manifest: ${manifestFile}\n` +
          `  version ${manifest.appVersion}, migration ${manifest.lastMigration ?? "none"}; ${counts}\n`,
      );
    });

  program
    .command("restore <file>")
    .description("Restore a backup into the configured database, then apply newer migrations")
    .option("--force", "replace a database that already has users or questions")
    .action(async (file: string, options: { force?: boolean }) => {
      const result = await restoreBackup({
        databaseUrl: getConfig().DATABASE_URL,
        file: path.resolve(file),
        force: options.force,
        migrationsDir: path.join(packageRoot(), "prisma", "migrations"),
      });
      const counts = Object.entries(result.after.counts).map(([table, n]) => `${n} ${table}`).join(", ");
      process.stdout.write(`✓ restored ${file}${result.manifest ? ` (made ${result.manifest.createdAt} by ${result.manifest.appVersion})` : ""}\n`);
      process.stdout.write(`  migration ${result.after.lastMigration ?? "none"}; ${counts}\n`);
      const expected = result.manifest?.counts ?? {};
      const differing = Object.entries(expected).filter(([table, n]) => result.after.counts[table as keyof typeof result.after.counts] !== n);
      if (differing.length > 0) {
        // Newer migrations may legitimately add or move rows; say so rather than stay silent.
        process.stdout.write(`  note: counts differ from the manifest for ${differing.map(([t]) => t).join(", ")}\n`);
      }
    });
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
