import type { Command } from "commander";
import { z } from "zod";
import { getConfig } from "../../lib/config";
import { AppError } from "../../lib/errors/app-error";
import { DELIVERY_STATUSES, type DeliverySummary, listDeliveries } from "../../plugins/webhooks/list-deliveries";
import { replayDelivery } from "../../plugins/webhooks/replay-delivery";
import { withCliDb } from "../cli-db";
import { formatTable } from "../format-table";

const LIMIT_MESSAGE = "--limit must be a whole number from 1 to 500";
const DELIVERIES_OPTIONS = z.object({
  status: z.enum(DELIVERY_STATUSES, { error: `--status must be ${DELIVERY_STATUSES.join(" or ")}` }).optional(),
  limit: z.coerce.number({ error: LIMIT_MESSAGE }).int(LIMIT_MESSAGE).min(1, LIMIT_MESSAGE).max(500, LIMIT_MESSAGE),
  json: z.boolean().optional(),
});

const DELIVERY_ID = z.coerce.number().int().positive().max(2_147_483_647);

/** `community-engine webhooks …`: the webhooks plugin's delivery log, and replaying one delivery. */
export function registerWebhooksCommand(program: Command): void {
  const webhooks = program.command("webhooks").description("Inspect webhook deliveries and replay one");

  webhooks
    .command("deliveries")
    .description("List webhook deliveries (one row per event and endpoint), newest first")
    .option("--status <status>", "only failed or delivered")
    .option("--limit <n>", "how many rows (max 500)", "50")
    .option("--json", "print JSON")
    .action(async (raw: Record<string, unknown>) => {
      const parsed = DELIVERIES_OPTIONS.safeParse(raw);
      if (!parsed.success) throw new AppError("VALIDATION_FAILED", parsed.error.issues[0].message);
      const { status, limit, json } = parsed.data;
      const deliveries = await withCliDb((db) => listDeliveries({ db, status, limit }));
      if (json) return print(JSON.stringify(deliveries, null, 2));
      const rows = deliveries.map(toRow);
      if (process.stdout.isTTY) process.stdout.write(formatTable(["ID", "WHEN (UTC)", "EVENT", "ENDPOINT", "STATUS", "CODE", "TRIES", "ERROR"], rows));
      else for (const row of rows) print(row.join("\t"));
    });

  webhooks
    .command("replay <deliveryId>")
    .description("Send a delivery's stored payload to its endpoint again now (re-signed); records the outcome")
    .action(async (rawId: string) => {
      const id = DELIVERY_ID.safeParse(rawId);
      if (!id.success) throw new AppError("VALIDATION_FAILED", `Delivery id must be a positive whole number, got "${rawId}"`);
      const allowPrivateNetwork = getConfig().WEBHOOKS_ALLOW_PRIVATE;
      const result = await withCliDb((db) => replayDelivery({ db, id: id.data, allowPrivateNetwork }));
      // The outcome is recorded on the row either way; a failed send counts as an unreachable service (exit 2).
      if (result.status !== "delivered") {
        throw new AppError("UNAVAILABLE", `delivery ${result.id} to ${result.endpoint} failed: ${result.error ?? "no response"} (attempt ${result.attempts})`);
      }
      print(`✓ delivery ${result.id} replayed to ${result.endpoint}: HTTP ${result.statusCode} (attempt ${result.attempts})`);
    });
}

function toRow(d: DeliverySummary): string[] {
  return [
    String(d.id),
    d.createdAt.toISOString().replace("T", " ").slice(0, 19),
    d.event,
    d.endpoint,
    d.status,
    d.statusCode === null ? "-" : String(d.statusCode),
    String(d.attempts),
    d.error ?? "",
  ];
}

function print(text: string): void {
  process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}
