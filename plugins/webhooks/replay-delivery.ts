import type { Db } from "../../lib/db";
import { AppError } from "../../lib/errors/app-error";
import { signatureHeaders } from "./format-payload";
import webhooks from "./index";
import { DELIVERY_SUMMARY_SELECT, type DeliverySummary } from "./list-deliveries";
import { assertPublicUrl } from "./ssrf-guard";

export type ReplayDeliveryOptions = {
  db: Db;
  /** webhook_delivery.id */
  id: number;
  /** WEBHOOKS_ALLOW_PRIVATE from the install's config (the plugin config can also allow it). */
  allowPrivateNetwork?: boolean;
};

/**
 * Sends a logged delivery's stored payload to its endpoint again, now: signed afresh with the
 * endpoint's current secret (the signature covers a timestamp, so the old one would be refused
 * as a replay) and behind the same SSRF guard as the plugin. The row records the outcome like a
 * retry: status, status code, error, attempts + 1. Refuses endpoints no longer configured, so a
 * removed (perhaps compromised) receiver gets nothing.
 */
export async function replayDelivery(options: ReplayDeliveryOptions): Promise<DeliverySummary> {
  const { db, id } = options;
  const delivery = await db.webhookDelivery.findUnique({ where: { id }, select: { endpoint: true, payload: true } });
  if (!delivery) throw new AppError("NOT_FOUND", `No webhook delivery ${id} (see \`webhooks deliveries\`)`);
  const state = await db.pluginState.findUnique({ where: { name: webhooks.name }, select: { config: true } });
  const parsed = webhooks.configSchema.safeParse(state?.config ?? {});
  if (!parsed.success) throw new AppError("VALIDATION_FAILED", "The webhooks plugin config is invalid; fix it with `plugins config webhooks`");
  const config = parsed.data;
  const endpoint = config.endpoints.find((candidate) => candidate.url === delivery.endpoint);
  if (!endpoint) {
    throw new AppError("CONFLICT", `${delivery.endpoint} is no longer a configured webhooks endpoint; nothing was sent`);
  }

  const body = JSON.stringify(delivery.payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "community-engine-webhooks/1",
    ...(endpoint.secret ? signatureHeaders(body, endpoint.secret) : {}),
  };
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    await assertPublicUrl(endpoint.url, config.allowPrivateNetwork || Boolean(options.allowPrivateNetwork));
    const response = await fetch(endpoint.url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(config.timeoutMs) });
    statusCode = response.status;
    await response.body?.cancel().catch(() => undefined); // the reply is not used; free the socket
    if (response.status >= 300) error = `HTTP ${response.status}`;
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  return db.webhookDelivery.update({
    where: { id },
    data: { status: error ? "failed" : "delivered", statusCode, error, deliveredAt: error ? null : new Date(), attempts: { increment: 1 } },
    select: DELIVERY_SUMMARY_SELECT,
  });
}
