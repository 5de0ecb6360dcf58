import { readHeartbeats } from "../../worker/read-heartbeats";
import type { DoctorCheck } from "../doctor-check";

/** Heartbeats are refreshed every 5 s with a 15 s TTL; older than this means a stuck worker. */
export const HEARTBEAT_FRESH_MS = 30_000;

export const workerCheck: DoctorCheck = {
  name: "worker",
  label: "Worker",
  dependsOn: ["redis"],
  async run(context) {
    const heartbeats = await readHeartbeats({ redis: await context.redis(), prefix: context.redisPrefix });
    if (heartbeats.length === 0) return { ok: false, detail: "no worker heartbeat (is `community-engine start` running?)" };
    const fresh = heartbeats.filter((beat) => beat.ageMs <= HEARTBEAT_FRESH_MS);
    if (fresh.length === 0) {
      const newest = Math.min(...heartbeats.map((beat) => beat.ageMs));
      return { ok: false, detail: `last worker heartbeat ${Math.round(newest / 1000)} s ago (stuck?)` };
    }
    const newest = fresh.reduce((a, b) => (a.ageMs <= b.ageMs ? a : b));
    const where = [...new Set(fresh.map((beat) => beat.host))].join(", ");
    return { ok: true, detail: `${fresh.length} alive on ${where} (last beat ${Math.round(newest.ageMs / 1000)} s ago)` };
  },
};
