import { getMigrationStatus } from "../../migrations/migration-status";
import type { DoctorCheck } from "../doctor-check";

/** None pending, none changed after being applied (checksum drift), none half-done or unknown. */
export const migrationsCheck: DoctorCheck = {
  name: "migrations",
  label: "Migrations",
  dependsOn: ["postgres"],
  async run(context) {
    const status = await getMigrationStatus({ databaseUrl: context.databaseUrl!, migrationsDir: context.migrationsDir });
    const problems = [
      status.pending.length > 0 ? `${status.pending.length} pending (run \`community-engine migrate\`)` : "",
      status.changed.length > 0 ? `changed after being applied: ${status.changed.join(", ")}` : "",
      status.failed.length > 0 ? `failed and not rolled back: ${status.failed.join(", ")}` : "",
      status.unknown.length > 0 ? `applied but not in this version: ${status.unknown.join(", ")}` : "",
    ].filter(Boolean);
    if (problems.length > 0) return { ok: false, detail: problems.join("; ") };
    return { ok: true, detail: `up to date (${status.applied.length} applied)` };
  },
};
