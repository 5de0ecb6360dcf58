import { z } from "zod";

/**
 * The closed list of domain events. Writers record one in the outbox inside their transaction
 * (lib/outbox); the worker turns it into notifications, and plugin action hooks reuse the same
 * names and payloads. Payloads carry ids only (never bodies or secrets): consumers read the
 * current rows, so a retried job sees the same data a first run would.
 */
const postId = z.number().int().positive();
const userId = z.string().min(1);

export const EVENT_PAYLOAD_SCHEMAS = {
  "question.created": z.object({ questionId: postId, actorId: userId }),
  "answer.created": z.object({ answerId: postId, questionId: postId, actorId: userId }),
  "answer.accepted": z.object({ answerId: postId, questionId: postId, actorId: userId }),
  "vote.cast": z.object({
    targetType: z.enum(["question", "answer"]),
    targetId: postId,
    /** The vote now in place: 1, -1, or 0 when it was retracted. */
    value: z.union([z.literal(1), z.literal(-1), z.literal(0)]),
    previousValue: z.union([z.literal(1), z.literal(-1), z.literal(0)]).optional(),
    /** The post's author (whose reputation moves). */
    authorId: userId.optional(),
    questionId: postId.optional(),
    actorId: userId,
  }),
  "user.registered": z.object({ userId, username: z.string().min(1).optional(), actorId: userId.optional() }),
  "notification.created": z.object({
    notificationId: z.string().regex(/^\d+$/),
    userId,
    type: z.string().min(1),
    eventId: z.string().regex(/^\d+$/),
  }),
} as const;

export type EventType = keyof typeof EVENT_PAYLOAD_SCHEMAS;
export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_PAYLOAD_SCHEMAS)[T]>;

/** A parsed event: the union of every type with its payload, so `switch (event.type)` narrows. */
export type DomainEvent = { [T in EventType]: { type: T; payload: EventPayload<T> } }[EventType];

export const EVENT_TYPES = Object.keys(EVENT_PAYLOAD_SCHEMAS) as EventType[];

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(EVENT_PAYLOAD_SCHEMAS, value);
}

/** Validates a stored or incoming event; throws a ZodError (or an Error for an unknown type). */
export function parseEvent(type: string, payload: unknown): DomainEvent {
  if (!isEventType(type)) throw new Error(`unknown event type "${type}"`);
  const parsed: unknown = EVENT_PAYLOAD_SCHEMAS[type].parse(payload);
  return { type, payload: parsed } as DomainEvent;
}
