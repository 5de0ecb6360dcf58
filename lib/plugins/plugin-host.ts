import type { Redis } from "ioredis";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import type { Logger } from "../logger";
import type { PluginContext, PluginDefinition } from "./define-plugin";
import type { ActionHookName, ActionPayload, FilterHookName, FilterPayloads } from "./hook-types";
import { type LoadResult, loadPlugins } from "./load-plugins";
import { type PluginStateRow, pluginsChannel, readPluginStates, writePluginState } from "./plugin-state";

export const PLUGIN_DEFAULTS = {
  filterTimeoutMs: 2000,
  actionTimeoutMs: 10_000,
  stateTtlMs: 5000,
  /** Auto-disable after this many errors within the window. */
  maxErrors: 5,
  errorWindowSeconds: 300,
};

export type PluginHostOptions = {
  db: Db;
  logger: Logger;
  /** Producer connection: error counters and change announcements. */
  redis?: Redis;
  /** A separate connection for SUBSCRIBE (a subscribed client can't run commands). */
  subscriber?: Redis;
  redisPrefix: string;
  packages: string[];
  pluginsDir: string;
  cwd: string;
  allowPrivateNetwork: boolean;
};

export type PluginSummary = {
  name: string;
  version: string;
  description?: string;
  source: string;
  enabled: boolean;
  healthy: boolean;
  disabledReason: string | null;
  errorCount: number;
  hooks: string[];
  config: Record<string, unknown>;
  secretKeys: string[];
};

export type PluginHost = ReturnType<typeof createPluginHost>;

/**
 * The Plugin Bus of one process: loads plugins once, caches their enabled state and config
 * from Postgres (refreshed on a Redis announcement, or after a TTL as a net), runs filter hooks
 * inline (priority order, timeout each) and action hooks for the worker.
 */
export function createPluginHost(options: PluginHostOptions) {
  const { db, logger } = options;
  let loaded: Promise<LoadResult> | undefined;
  let states: { at: number; rows: Promise<Map<string, PluginStateRow>> } | undefined;

  const load = () => {
    loaded ??= loadPlugins({ packages: options.packages, pluginsDir: options.pluginsDir, cwd: options.cwd }).then((result) => {
      for (const refused of result.refused) logger.error({ plugin: refused.name }, `plugin refused: ${refused.reason}`);
      for (const warning of result.warnings) logger.warn(warning);
      return result;
    });
    return loaded;
  };
  const readStates = () => {
    if (!states || Date.now() - states.at > PLUGIN_DEFAULTS.stateTtlMs) {
      const rows = readPluginStates(db);
      rows.catch(() => (states = undefined));
      states = { at: Date.now(), rows };
    }
    return states.rows;
  };
  const invalidate = () => (states = undefined);
  if (options.subscriber) {
    const channel = pluginsChannel(options.redisPrefix);
    options.subscriber.subscribe(channel).catch(() => {});
    options.subscriber.on("message", (from) => from === channel && invalidate());
  }

  /** Enabled plugins with a valid config, in a stable order. */
  async function active(): Promise<Array<{ plugin: PluginDefinition<unknown>; context: PluginContext<unknown> }>> {
    const [{ plugins }, rows] = await Promise.all([load(), readStates()]);
    const list = [];
    for (const { plugin } of plugins) {
      const state = rows.get(plugin.name);
      if (!state?.enabled) continue;
      const config = plugin.configSchema.safeParse(state.config);
      if (!config.success) {
        logger.error({ plugin: plugin.name }, "plugin config is invalid; plugin skipped");
        continue;
      }
      list.push({ plugin, context: { config: config.data, db, logger: logger.child({ plugin: plugin.name }), allowPrivateNetwork: options.allowPrivateNetwork } });
    }
    return list;
  }

  async function recordError(plugin: PluginDefinition<unknown>, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    logger.error({ plugin: plugin.name, err: error }, `plugin ${plugin.name} failed: ${message}`);
    const row = await db.pluginState.update({ where: { name: plugin.name }, data: { errorCount: { increment: 1 } }, select: { errorCount: true } }).catch(() => null);
    let recent = row?.errorCount ?? 0;
    if (options.redis) {
      const key = `${options.redisPrefix}:plugins:errors:${plugin.name}`;
      try {
        const result = await options.redis.multi().incr(key).expire(key, PLUGIN_DEFAULTS.errorWindowSeconds).exec();
        recent = Number(result?.[0]?.[1] ?? recent);
      } catch {
        // Redis down: the lifetime count in Postgres stands in for the window.
      }
    }
    if (recent >= PLUGIN_DEFAULTS.maxErrors) {
      const reason = `auto-disabled after ${recent} errors within ${PLUGIN_DEFAULTS.errorWindowSeconds / 60} min; last: ${message.slice(0, 200)}`;
      logger.error({ plugin: plugin.name }, reason);
      await writePluginState({ db, redis: options.redis, redisPrefix: options.redisPrefix, name: plugin.name, version: plugin.version, enabled: false, disabledReason: reason });
      invalidate();
    }
  }

  return {
    load,
    invalidate,

    /**
     * Runs a filter hook's handlers in priority order (lower first), each bounded by a timeout.
     * A rejection aborts the write with 422 REJECTED_BY_PLUGIN; a crash or timeout is logged,
     * counted and skipped unless the hook is marked required (then the write is refused).
     */
    async runFilter<H extends FilterHookName>(hook: H, payload: FilterPayloads[H]): Promise<FilterPayloads[H]> {
      const handlers = (await active())
        .map(({ plugin, context }) => ({ plugin, context, filter: plugin.hooks.filters?.[hook] }))
        .filter((entry) => entry.filter)
        .sort((a, b) => (a.filter!.priority ?? 10) - (b.filter!.priority ?? 10));
      let current = payload;
      for (const { plugin, context, filter } of handlers) {
        let result;
        try {
          result = await withTimeout(Promise.resolve(filter!.run(current as never, context as never)), filter!.timeoutMs ?? PLUGIN_DEFAULTS.filterTimeoutMs, `${plugin.name} ${hook}`);
        } catch (error) {
          await recordError(plugin, error);
          if (filter!.required) throw new AppError("UNAVAILABLE", `A required check (${plugin.name}) is unavailable; try again shortly`);
          continue;
        }
        if (result && typeof result === "object" && "reject" in result && typeof result.reject === "string") {
          throw new AppError("REJECTED_BY_PLUGIN", result.reject, { plugin: plugin.name });
        }
        if (result && typeof result === "object") current = result as FilterPayloads[H];
      }
      return current;
    },

    /** Names of enabled plugins with an action for this hook (the worker enqueues one job each). */
    async actionsFor(hook: ActionHookName): Promise<string[]> {
      return (await active()).filter(({ plugin }) => plugin.hooks.actions?.[hook]).map(({ plugin }) => plugin.name);
    },

    /** Runs one plugin's action (in the worker). Throws so the queue retries; errors are counted. */
    async runAction<H extends ActionHookName>(name: string, hook: H, payload: ActionPayload<H>): Promise<"done" | "skipped"> {
      const entry = (await active()).find(({ plugin }) => plugin.name === name);
      const action = entry?.plugin.hooks.actions?.[hook];
      if (!entry || !action) return "skipped";
      try {
        await withTimeout(Promise.resolve(action.run(payload as never, entry.context as never)), action.timeoutMs ?? PLUGIN_DEFAULTS.actionTimeoutMs, `${name} ${hook}`);
        return "done";
      } catch (error) {
        await recordError(entry.plugin, error);
        throw error;
      }
    },

    async list(): Promise<PluginSummary[]> {
      const [{ plugins, refused }, rows] = await Promise.all([load(), readPluginStates(db)]);
      const summaries: PluginSummary[] = plugins.map(({ plugin, source }) => {
        const state = rows.get(plugin.name);
        return {
          name: plugin.name,
          version: plugin.version,
          description: plugin.description,
          source,
          enabled: state?.enabled ?? false,
          healthy: !state?.disabledReason && plugin.configSchema.safeParse(state?.config ?? {}).success,
          disabledReason: state?.disabledReason ?? null,
          errorCount: state?.errorCount ?? 0,
          hooks: [...Object.keys(plugin.hooks.filters ?? {}), ...Object.keys(plugin.hooks.actions ?? {})],
          config: state?.config ?? {},
          secretKeys: plugin.secretKeys ?? [],
        };
      });
      for (const r of refused) summaries.push({ name: r.name, version: "?", source: "refused", enabled: false, healthy: false, disabledReason: r.reason, errorCount: 0, hooks: [], config: {}, secretKeys: [] });
      return summaries;
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, rejectTimeout) => {
    timer = setTimeout(() => rejectTimeout(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
