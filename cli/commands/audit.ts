import type { Command } from "commander";
import { AppError } from "../../lib/errors/app-error";
import { listAuditLog } from "../../lib/audit/list-audit-log";
import { withCliDb } from "../cli-db";
import { formatTable } from "../format-table";

/** `community-engine audit`: the latest administrative and moderation actions, newest first. */
export function registerAuditCommand(program: Command): void {
  program
    .command("audit")
    .description("Show the audit log (bans, role changes, moderation, settings), newest first")
    .option("--limit <n>", "how many rows (max 500)", "50")
    .option("--json", "print JSON")
    .action(async (options: { limit: string; json?: boolean }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
        throw new AppError("VALIDATION_FAILED", "--limit must be a whole number from 1 to 500");
      }
      const entries = await withCliDb((db) => listAuditLog({ db, limit }));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
        return;
      }
      const rows = entries.map((e) => [
        e.createdAt.toISOString().replace("T", " ").slice(0, 19),
        e.actor,
        e.action,
        `${e.targetType}:${e.targetId}`,
        e.details ? JSON.stringify(e.details) : "",
      ]);
      if (process.stdout.isTTY) process.stdout.write(formatTable(["WHEN (UTC)", "BY", "ACTION", "TARGET", "DETAILS"], rows));
      else for (const row of rows) process.stdout.write(`${row.join("\t")}\n`);
    });
}
