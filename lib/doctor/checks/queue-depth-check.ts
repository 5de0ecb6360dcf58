import { readQueueHealth } from "../../outbox/read-pipeline-health";
import type { DoctorCheck } from "../doctor-check";
import { withEventsQueue } from "./events-queue";

/** A backlog this deep means the workers do not keep up (or none is consuming). */
export const QUEUE_DEPTH_LIMIT = 1000;

export const queueDepthCheck: DoctorCheck = {
  name: "queue-depth",
  label: "Event queue",
  dependsOn: ["redis"],
  async run(context) {
    const health = await withEventsQueue(context, (queue) => readQueueHealth({ queue }));
    const depth = health.waiting + health.delayed;
    const detail = `${depth} queued (${health.waiting} waiting, ${health.delayed} delayed for retry), ${health.active} running`;
    if (depth > QUEUE_DEPTH_LIMIT) return { ok: false, detail: `${detail}: more than ${QUEUE_DEPTH_LIMIT}, are the workers keeping up?` };
    return { ok: true, detail };
  },
};
