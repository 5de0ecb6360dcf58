import { NextResponse } from "next/server";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { configurePlugin, maskSecrets } from "@/lib/plugins/configure-plugin";
import { getPluginHost } from "@/lib/plugins/get-plugin-host";
import { parseInput } from "@/lib/questions/parse-input";
import { getRedis } from "@/lib/redis";
import { writeAuditLog } from "@/lib/audit/write-audit-log";
import { readJson, withErrors } from "../../../../_lib/respond";
import { requireActor } from "../../../../_lib/session";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ name: string }> };

const patchInput = z.object({
  enabled: z.boolean().optional(),
  /** The whole config object (validated by the plugin's schema); secrets left masked keep their value. */
  config: z.record(z.string(), z.unknown()).optional(),
});

/** PATCH /api/v1/admin/plugins/:name {enabled?, config?} — admins only; same powers as `plugins` CLI. */
export const PATCH = withErrors(async (request: Request, { params }: Context) => {
  const actor = await requireActor(request);
  if (actor.role !== "admin") throw new AppError("FORBIDDEN", "Only administrators can manage plugins");
  const { name } = await params;
  const input = parseInput(patchInput, await readJson(request));
  const host = getPluginHost();
  const { plugins } = await host.load();
  const set = input.config ? Object.entries(input.config).filter(([, v]) => !(typeof v === "string" && v.startsWith("••••••"))).map(([k, v]) => `${k}=${JSON.stringify(v)}`) : undefined;
  const result = await configurePlugin({ db: getDb(), redis: getRedis(), redisPrefix: getConfig().REDIS_PREFIX, plugins, name, enabled: input.enabled, set });
  host.invalidate();
  await writeAuditLog({ tx: getDb(), actorId: actor.id, action: "plugin.configure", targetType: "settings", targetId: name, details: { plugin: name, enabled: result.enabled } });
  const secretKeys = plugins.find((p) => p.plugin.name === name)?.plugin.secretKeys ?? [];
  return NextResponse.json({ name, enabled: result.enabled, config: maskSecrets(result.config, secretKeys) });
});
