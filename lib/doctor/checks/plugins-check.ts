import { createDb } from "../../db";
import type { DoctorCheck } from "../doctor-check";

/** Plugins that were auto-disabled after repeated errors (or refused) show up here. */
export const pluginsCheck: DoctorCheck = {
  name: "plugins",
  label: "Plugins",
  dependsOn: ["migrations"],
  async run(context) {
    const db = createDb({ databaseUrl: context.databaseUrl!, max: 1 });
    try {
      const rows = await db.pluginState.findMany({ select: { name: true, enabled: true, disabledReason: true } });
      const unhealthy = rows.filter((row) => row.disabledReason);
      const enabled = rows.filter((row) => row.enabled).map((row) => row.name);
      if (unhealthy.length > 0) return { ok: false, detail: unhealthy.map((row) => `${row.name} ${row.disabledReason}`).join("; ") };
      return { ok: true, detail: enabled.length ? `enabled: ${enabled.join(", ")}` : "none enabled" };
    } finally {
      await db.$disconnect();
    }
  },
};
