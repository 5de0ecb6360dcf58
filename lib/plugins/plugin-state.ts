import type { Redis } from "ioredis";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";

export type PluginStateRow = { name: string; enabled: boolean; config: Record<string, unknown>; errorCount: number; disabledReason: string | null };

/** Redis channel that tells every web and worker process to re-read plugin state. */
export function pluginsChannel(prefix: string): string {
  return `${prefix}:plugins:changed`;
}

export async function readPluginStates(db: Db): Promise<Map<string, PluginStateRow>> {
  const rows = await db.pluginState.findMany({ select: { name: true, enabled: true, config: true, errorCount: true, disabledReason: true } });
  return new Map(rows.map((row) => [row.name, { ...row, config: (row.config ?? {}) as Record<string, unknown> }]));
}

/** Writes enabled state and/or config and announces the change (pub/sub; the TTL is the net). */
export async function writePluginState(options: {
  db: Db;
  redis?: Redis;
  redisPrefix: string;
  name: string;
  version: string;
  enabled?: boolean;
  config?: Record<string, unknown>;
  disabledReason?: string | null;
  resetErrors?: boolean;
}): Promise<void> {
  const data = {
    version: options.version,
    ...(options.enabled !== undefined ? { enabled: options.enabled } : {}),
    ...(options.config !== undefined ? { config: options.config as Prisma.InputJsonObject } : {}),
    ...(options.disabledReason !== undefined ? { disabledReason: options.disabledReason } : {}),
    ...(options.resetErrors ? { errorCount: 0 } : {}),
  };
  await options.db.pluginState.upsert({ where: { name: options.name }, create: { name: options.name, ...data }, update: data });
  await options.redis?.publish(pluginsChannel(options.redisPrefix), options.name).catch(() => 0);
}
