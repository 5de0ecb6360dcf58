import { checkPostgres } from "../../setup/check-postgres";
import { failureReason } from "../../setup/failure-reason";
import { maskUrl } from "../../setup/mask-url";
import type { DoctorCheck } from "../doctor-check";

export const postgresCheck: DoctorCheck = {
  name: "postgres",
  label: "PostgreSQL",
  async run(context) {
    if (!context.databaseUrl) return { ok: false, detail: "not checked: DATABASE_URL is missing or invalid" };
    try {
      const { serverVersion } = await checkPostgres({ url: context.databaseUrl, timeoutMs: context.timeoutMs });
      return { ok: true, detail: `reachable at ${maskUrl(context.databaseUrl)} (PostgreSQL ${serverVersion})` };
    } catch (error) {
      return { ok: false, detail: `unreachable at ${maskUrl(context.databaseUrl)}: ${failureReason((error as Error).cause ?? error)}` };
    }
  },
};
