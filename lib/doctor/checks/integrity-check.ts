import { createDb } from "../../db";
import { checkIntegrity } from "../../integrity/check-integrity";
import type { DoctorCheck } from "../doctor-check";

/** `doctor --deep`: recomputes every aggregate (vote scores, counts, reputation ledger replay). */
export const integrityCheck: DoctorCheck = {
  name: "integrity",
  label: "Integrity",
  dependsOn: ["migrations"],
  timeoutMs: 600_000,
  async run(context) {
    const db = createDb({ databaseUrl: context.databaseUrl!, max: 2 });
    try {
      const { drift } = await checkIntegrity({ db });
      if (drift.length === 0) return { ok: true, detail: "no drift (vote scores, answer and tag counts, reputation ledger)" };
      const sample = drift.slice(0, 3).map((d) => `${d.kind} ${d.id}: expected ${d.expected}, found ${d.actual}`).join("; ");
      return { ok: false, detail: `${drift.length} drifted aggregate(s): ${sample}` };
    } finally {
      await db.$disconnect();
    }
  },
};
