import { Queue } from "bullmq";
import { bullPrefix, QUEUE_NAMES } from "../../queue";
import type { DoctorContext } from "../doctor-context";

/** Runs `read` against the events queue over the doctor's shared Redis connection. */
export async function withEventsQueue<T>(context: DoctorContext, read: (queue: Queue) => Promise<T>): Promise<T> {
  // Shared connection: closing the queue leaves it open for the other checks.
  const queue = new Queue(QUEUE_NAMES.events, { connection: await context.redis(), prefix: bullPrefix(context.redisPrefix) });
  queue.on("error", () => undefined);
  try {
    return await read(queue);
  } finally {
    await queue.close().catch(() => undefined);
  }
}
