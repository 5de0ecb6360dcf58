import type { Db } from "../db";
import type { EventPayload, EventType } from "../events/event-types";
import type { Logger } from "../logger";
import type { ProducerQueue } from "../queue";
import { addOutboxEvent, type OutboxTx } from "./add-outbox-event";
import { enqueueOutboxEvents } from "./enqueue-outbox-events";

export type OutboxBatch = {
  /** Inside the writer's transaction (its `onWithinTransaction` hook): records one event. */
  add<T extends EventType>(tx: OutboxTx, type: T, payload: EventPayload<T>): Promise<void>;
  /** After commit: enqueues what was recorded. Never throws; resolves within the budget. */
  flush(): Promise<number>;
};

/**
 * The glue between a domain write and the queue, for route handlers, the CLI and scripts:
 *
 *   const outbox = createOutboxBatch();
 *   const answer = await createAnswer({ ..., onWithinTransaction: (tx, a) =>
 *     outbox.add(tx, "answer.created", { answerId: a.id, questionId: a.questionId, actorId }) });
 *   void outbox.flush();
 *
 * If the transaction rolls back, flush() finds no committed row and enqueues nothing.
 */
export function createOutboxBatch(options: { db?: Db; producer?: ProducerQueue; logger?: Logger; timeoutMs?: number } = {}): OutboxBatch {
  const ids: bigint[] = [];
  return {
    async add(tx, type, payload) {
      ids.push(await addOutboxEvent({ tx, type, payload }));
    },
    flush() {
      return enqueueOutboxEvents({ ...options, ids: ids.splice(0) });
    },
  };
}
