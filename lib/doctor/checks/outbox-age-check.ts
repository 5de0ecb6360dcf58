import { createDb } from "../../db";
import { readOldestPendingAgeMs } from "../../outbox/read-pipeline-health";
import type { DoctorCheck } from "../doctor-check";

/** Past this, events are not being delivered: no worker running, or Redis unreachable from it. */
export const OUTBOX_MAX_AGE_MS = 60_000;

export const outboxAgeCheck: DoctorCheck = {
  name: "outbox",
  label: "Outbox",
  dependsOn: ["postgres", "migrations"],
  async run(context) {
    const db = createDb({ databaseUrl: context.databaseUrl ?? "", max: 1 });
    try {
      const ageMs = await readOldestPendingAgeMs(db);
      if (ageMs === null) return { ok: true, detail: "no event waiting" };
      const detail = `oldest unprocessed event is ${Math.round(ageMs / 1000)} s old`;
      if (ageMs > OUTBOX_MAX_AGE_MS) return { ok: false, detail: `${detail} (is a worker running and can it reach Redis?)` };
      return { ok: true, detail };
    } finally {
      await db.$disconnect();
    }
  },
};
