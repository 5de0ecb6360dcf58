import { createHmac } from "node:crypto";

export type WebhookEvent = { event: string; eventId: string; occurredAt: string; summary: string; url?: string; data: Record<string, unknown> };
export type WebhookFormat = "slack" | "discord" | "json";

/** The request body for an endpoint's format. */
export function formatPayload(format: WebhookFormat, event: WebhookEvent): unknown {
  const line = event.url ? `${event.summary} — ${event.url}` : event.summary;
  if (format === "slack") {
    return { text: line, blocks: [{ type: "section", text: { type: "mrkdwn", text: event.url ? `*${event.summary}*\n<${event.url}>` : `*${event.summary}*` } }] };
  }
  if (format === "discord") {
    return { content: null, embeds: [{ title: event.summary.slice(0, 256), url: event.url, description: event.event, timestamp: event.occurredAt }] };
  }
  return event;
}

/**
 * Signature headers: HMAC-SHA256 over `${timestamp}.${body}` (Stripe-style), so receivers can
 * verify the sender and refuse replays older than a few minutes.
 */
export function signatureHeaders(body: string, secret: string, now = Date.now()): Record<string, string> {
  const timestamp = Math.floor(now / 1000).toString();
  const signature = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return { "x-ce-timestamp": timestamp, "x-ce-signature": `v1=${signature}` };
}
