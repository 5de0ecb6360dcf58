import { z } from "zod";
import type { Db } from "../../lib/db";
import { definePlugin, type PluginContext } from "../../lib/plugins/define-plugin";
import { ACTION_HOOK_NAMES, type ActionHookName, type ActionPayload } from "../../lib/plugins/hook-types";
import { formatPayload, signatureHeaders, type WebhookEvent } from "./format-payload";
import { assertPublicUrl } from "./ssrf-guard";

const endpointSchema = z.object({
  url: z.url(),
  events: z.array(z.enum(ACTION_HOOK_NAMES as [ActionHookName, ...ActionHookName[]])).min(1).default(["question.created", "answer.created", "answer.accepted"]),
  format: z.enum(["slack", "discord", "json"]).default("json"),
  /** HMAC key for json bodies (x-ce-signature). */
  secret: z.string().min(16).optional(),
});
const configSchema = z.object({
  endpoints: z.array(endpointSchema).default([]),
  timeoutMs: z.number().int().min(100).max(30_000).default(5000),
  /** Allow loopback/private targets (off by default: SSRF guard). WEBHOOKS_ALLOW_PRIVATE=1 also allows. */
  allowPrivateNetwork: z.boolean().default(false),
  siteUrl: z.url().optional(),
});
type Config = z.infer<typeof configSchema>;

/**
 * Delivers every configured endpoint interested in the event. Endpoints already delivered for
 * this event are skipped, so a retry (the queue's exponential backoff) only re-sends failures.
 */
async function deliver(hook: ActionHookName, payload: ActionPayload<ActionHookName>, context: PluginContext<Config>): Promise<void> {
  const endpoints = context.config.endpoints.filter((endpoint) => endpoint.events.includes(hook));
  if (endpoints.length === 0) return;
  const event = await describe(context.db, hook, payload, context.config.siteUrl ?? process.env.SITE_URL);
  const failures: string[] = [];
  for (const endpoint of endpoints) {
    const done = await context.db.webhookDelivery.findFirst({ where: { eventId: event.eventId, endpoint: endpoint.url, status: "delivered" }, select: { id: true } });
    if (done) continue;
    const body = JSON.stringify(formatPayload(endpoint.format, event));
    const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "community-engine-webhooks/1", ...(endpoint.secret ? signatureHeaders(body, endpoint.secret) : {}) };
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      await assertPublicUrl(endpoint.url, context.config.allowPrivateNetwork || context.allowPrivateNetwork);
      const response = await fetch(endpoint.url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(context.config.timeoutMs) });
      statusCode = response.status;
      if (response.status >= 300) error = `HTTP ${response.status}`;
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    await recordDelivery(context.db, { endpoint: endpoint.url, event, statusCode, error, body });
    if (error) failures.push(`${endpoint.url}: ${error}`);
  }
  if (failures.length > 0) throw new Error(`webhook delivery failed: ${failures.join("; ")}`);
}

async function recordDelivery(db: Db, d: { endpoint: string; event: WebhookEvent; statusCode: number | null; error: string | null; body: string }) {
  const previous = await db.webhookDelivery.findFirst({ where: { eventId: d.event.eventId, endpoint: d.endpoint }, select: { id: true } });
  const data = { status: d.error ? "failed" : "delivered", statusCode: d.statusCode, error: d.error, deliveredAt: d.error ? null : new Date(), payload: JSON.parse(d.body) as object };
  if (previous) await db.webhookDelivery.update({ where: { id: previous.id }, data: { ...data, attempts: { increment: 1 } } });
  else await db.webhookDelivery.create({ data: { ...data, endpoint: d.endpoint, event: d.event.event, eventId: d.event.eventId, attempts: 1 } });
}

/** A human summary and link for the event (ids only in the payload; text read fresh). */
async function describe(db: Db, hook: ActionHookName, payload: ActionPayload<ActionHookName>, siteUrl?: string): Promise<WebhookEvent> {
  const data = payload as Record<string, unknown>;
  const questionId = typeof data.questionId === "number" ? data.questionId : undefined;
  const question = questionId ? await db.question.findUnique({ where: { id: questionId }, select: { title: true } }) : null;
  const actorId = typeof data.actorId === "string" ? data.actorId : undefined;
  const actor = actorId ? await db.user.findUnique({ where: { id: actorId }, select: { username: true } }) : null;
  const who = actor?.username ?? "someone";
  const title = question?.title ?? "";
  const summaries: Record<string, string> = {
    "question.created": `${who} asked: ${title}`,
    "answer.created": `${who} answered: ${title}`,
    "answer.accepted": `${who} accepted an answer on: ${title}`,
    "vote.cast": `${who} voted on: ${title}`,
    "user.registered": `New member: ${who}`,
    "notification.created": "New notification",
  };
  const anchor = typeof data.answerId === "number" ? `#answer-${data.answerId}` : "";
  return {
    event: hook,
    eventId: payload.eventId,
    occurredAt: new Date().toISOString(),
    summary: summaries[hook] ?? hook,
    url: questionId && siteUrl ? `${siteUrl.replace(/\/$/, "")}/questions/${questionId}${anchor}` : undefined,
    data,
  };
}

const actions = Object.fromEntries(
  ACTION_HOOK_NAMES.map((hook) => [hook, { timeoutMs: 30_000, run: (payload: ActionPayload<typeof hook>, context: PluginContext<Config>) => deliver(hook, payload, context) }]),
);

export default definePlugin({
  name: "webhooks",
  version: "1.0.0",
  description: "Posts events to Slack, Discord or any JSON endpoint (HMAC-signed), with retries and a delivery log",
  engines: ">=0.1.0 <1.0.0",
  configSchema,
  secretKeys: ["endpoints.*.secret"],
  hooks: { actions },
});
