import type { Db } from "../../lib/db";
import { AppError } from "../../lib/errors/app-error";

export const DELIVERY_STATUSES = ["failed", "delivered"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export type ListDeliveriesOptions = {
  db: Db;
  /** Only deliveries whose latest attempt failed, or succeeded. */
  status?: DeliveryStatus;
  /** 1..500, default 50. */
  limit?: number;
};

/** A row of the delivery log, without the payload (see `webhooks replay`). */
export type DeliverySummary = {
  id: number;
  endpoint: string;
  event: string;
  eventId: string;
  status: string;
  statusCode: number | null;
  attempts: number;
  error: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
};

export const DELIVERY_SUMMARY_SELECT = {
  id: true,
  endpoint: true,
  event: true,
  eventId: true,
  status: true,
  statusCode: true,
  attempts: true,
  error: true,
  createdAt: true,
  deliveredAt: true,
} as const;

/** The webhooks plugin's delivery log (one row per event and endpoint), newest first. */
export async function listDeliveries(options: ListDeliveriesOptions): Promise<DeliverySummary[]> {
  const limit = options.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new AppError("VALIDATION_FAILED", "limit must be a whole number from 1 to 500", { fields: { limit: "must be 1 to 500" } });
  }
  if (options.status !== undefined && !DELIVERY_STATUSES.includes(options.status)) {
    throw new AppError("VALIDATION_FAILED", `Unknown status "${String(options.status)}" (use ${DELIVERY_STATUSES.join(" or ")})`, {
      fields: { status: `must be ${DELIVERY_STATUSES.join(" or ")}` },
    });
  }
  return options.db.webhookDelivery.findMany({
    where: options.status ? { status: options.status } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: DELIVERY_SUMMARY_SELECT,
  });
}
