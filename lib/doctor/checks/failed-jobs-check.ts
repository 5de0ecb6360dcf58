import { readQueueHealth } from "../../outbox/read-pipeline-health";
import type { DoctorCheck } from "../doctor-check";
import { withEventsQueue } from "./events-queue";

/** Failed jobs are kept for inspection; only a recent failure makes the doctor unhappy. */
export const RECENT_FAILURE_MS = 24 * 60 * 60 * 1000;

export const failedJobsCheck: DoctorCheck = {
  name: "failed-jobs",
  label: "Failed jobs",
  dependsOn: ["redis"],
  async run(context) {
    const { failed, latestFailed } = await withEventsQueue(context, (queue) => readQueueHealth({ queue }));
    if (failed === 0 || !latestFailed) return { ok: true, detail: "none" };
    const error = latestFailed.error.replace(/\s+/g, " ").slice(0, 200);
    const when = latestFailed.at ? ` at ${latestFailed.at.toISOString()}` : "";
    const detail = `${failed} kept; latest ${latestFailed.jobId} (${latestFailed.name})${when}: ${error}`;
    const recent = latestFailed.at !== null && Date.now() - latestFailed.at.getTime() < RECENT_FAILURE_MS;
    return { ok: !recent, detail };
  },
};
