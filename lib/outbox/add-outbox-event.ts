import type { Prisma } from "../generated/prisma/client";
import { EVENT_PAYLOAD_SCHEMAS, type EventPayload, type EventType } from "../events/event-types";

/** A Prisma transaction client (a plain client works too, outside a transaction). */
export type OutboxTx = Prisma.TransactionClient;

export type AddOutboxEventOptions<T extends EventType> = {
  tx: OutboxTx;
  type: T;
  payload: EventPayload<T>;
};

/**
 * Records a domain event in the outbox. Call it inside the writer's transaction: the event
 * exists if and only if the write committed, whatever happens to Redis afterwards.
 * Returns the outbox id (the job id is derived from it).
 */
export async function addOutboxEvent<T extends EventType>(options: AddOutboxEventOptions<T>): Promise<bigint> {
  // Validated here too, so a writer's typo fails its own transaction rather than a job later.
  const payload = EVENT_PAYLOAD_SCHEMAS[options.type].parse(options.payload) as Prisma.InputJsonObject;
  const row = await options.tx.outbox.create({ data: { type: options.type, payload }, select: { id: true } });
  return row.id;
}
