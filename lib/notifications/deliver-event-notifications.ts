import type { Redis } from "ioredis";
import { ZodError } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import { parseEvent, type DomainEvent } from "../events/event-types";
import { createNotifications, type CreatedNotification } from "./create-notifications";
import { resolveRecipients } from "./resolve-recipients";
import { invalidateUnreadCounts } from "./unread-count-cache";

export type DeliverEventNotificationsOptions = {
  db: Db;
  outboxId: bigint;
  /** For the bell's cached counts; omit and they simply expire. */
  redis?: Redis;
  redisPrefix?: string;
};

export type DeliverResult =
  | { status: "missing" }
  | { status: "already-done"; event: DomainEvent }
  | { status: "delivered"; event: DomainEvent; inserted: CreatedNotification[] };

/**
 * Turns one outbox event into its notifications (the job the worker runs). Safe to run any
 * number of times, concurrently too: see createNotifications. A payload that does not match its
 * event type throws AppError VALIDATION_FAILED, which no retry can fix.
 */
export async function deliverEventNotifications(options: DeliverEventNotificationsOptions): Promise<DeliverResult> {
  const { db, outboxId } = options;
  const row = await db.outbox.findUnique({ where: { id: outboxId }, select: { type: true, payload: true, status: true } });
  // Rolled back after its id was handed out, or pruned: nothing to deliver.
  if (!row) return { status: "missing" };
  let event: DomainEvent;
  try {
    event = parseEvent(row.type, row.payload);
  } catch (error) {
    const reason = error instanceof ZodError ? error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ") : String(error);
    throw new AppError("VALIDATION_FAILED", `outbox event ${outboxId} (${row.type}) is invalid: ${reason}`);
  }
  if (row.status === "done") return { status: "already-done", event };
  const recipients = await resolveRecipients({ db, event });
  const inserted = await createNotifications({ db, eventId: outboxId, recipients, ...eventContext(event) });
  if (options.redis && inserted.length > 0) {
    await invalidateUnreadCounts({ redis: options.redis, userIds: inserted.map((row) => row.userId), redisPrefix: options.redisPrefix });
  }
  return { status: "delivered", event, inserted };
}

function eventContext(event: DomainEvent): { actorId?: string; questionId?: number; answerId?: number } {
  switch (event.type) {
    case "answer.created":
    case "answer.accepted":
      return { actorId: event.payload.actorId, questionId: event.payload.questionId, answerId: event.payload.answerId };
    case "question.created":
      return { actorId: event.payload.actorId, questionId: event.payload.questionId };
    default:
      return {};
  }
}
