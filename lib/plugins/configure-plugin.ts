import type { Redis } from "ioredis";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import { appErrorFromZod } from "../errors/from-zod";
import type { PluginDefinition } from "./define-plugin";
import { readPluginStates, writePluginState } from "./plugin-state";

export type ConfigurePluginOptions = {
  db: Db;
  redis?: Redis;
  redisPrefix: string;
  plugins: Array<{ plugin: PluginDefinition<unknown> }>;
  name: string;
  enabled?: boolean;
  /** `key=value` pairs (dotted keys, JSON values where they parse) merged into the config. */
  set?: string[];
};

/**
 * Enables/disables a plugin or changes its config, validated by the plugin's own schema,
 * stored in Postgres and announced so every process picks it up within seconds.
 */
export async function configurePlugin(options: ConfigurePluginOptions): Promise<{ enabled: boolean; config: Record<string, unknown> }> {
  const entry = options.plugins.find(({ plugin }) => plugin.name === options.name);
  if (!entry) throw new AppError("NOT_FOUND", `No plugin named ${options.name} (see \`plugins list\`)`);
  const state = (await readPluginStates(options.db)).get(options.name);
  let config = { ...(state?.config ?? {}) };
  for (const pair of options.set ?? []) config = applySetting(config, pair);
  const parsed = entry.plugin.configSchema.safeParse(config);
  if (!parsed.success) {
    const error = appErrorFromZod(parsed.error, `Invalid config for ${options.name}`);
    const [field, message] = Object.entries(error.details.fields ?? {})[0] ?? ["config", "invalid"];
    throw new AppError("VALIDATION_FAILED", `Invalid config for ${options.name}: ${field}: ${message}`, error.details);
  }
  const enabled = options.enabled ?? state?.enabled ?? false;
  await writePluginState({
    db: options.db,
    redis: options.redis,
    redisPrefix: options.redisPrefix,
    name: options.name,
    version: entry.plugin.version,
    enabled,
    config: parsed.data as Record<string, unknown>,
    ...(options.enabled ? { disabledReason: null, resetErrors: true } : {}),
  });
  return { enabled, config: parsed.data as Record<string, unknown> };
}

function applySetting(config: Record<string, unknown>, pair: string): Record<string, unknown> {
  const eq = pair.indexOf("=");
  if (eq <= 0) throw new AppError("VALIDATION_FAILED", `--set expects key=value, got "${pair}"`);
  const keys = pair.slice(0, eq).split(".");
  const raw = pair.slice(eq + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // plain string
  }
  const root: Record<string, unknown> = structuredClone(config);
  let node: Record<string, unknown> = root;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = /^\d+$/.test(key) ? [] : {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
  return root;
}

/** A copy of the config with secret values masked (`endpoints.*.secret` style paths). */
export function maskSecrets(config: Record<string, unknown>, secretKeys: string[]): Record<string, unknown> {
  const copy = structuredClone(config);
  for (const pattern of secretKeys) maskPath(copy, pattern.split("."));
  return copy;
}

function maskPath(node: unknown, path: string[]): void {
  if (node === null || typeof node !== "object" || path.length === 0) return;
  const [head, ...rest] = path;
  const keys = head === "*" ? Object.keys(node) : [head];
  for (const key of keys) {
    const record = node as Record<string, unknown>;
    if (!(key in record)) continue;
    if (rest.length === 0) record[key] = typeof record[key] === "string" ? "••••••" + String(record[key]).slice(-2) : "••••••";
    else maskPath(record[key], rest);
  }
}
