import type { z } from "zod";
import type { Db } from "../db";
import type { Logger } from "../logger";
import type { ActionHookName, ActionPayload, FilterHookName, FilterPayloads } from "./hook-types";

export type PluginContext<C> = {
  config: C;
  db: Db;
  logger: Logger;
  /** Set by the host: may the plugin reach private/loopback addresses (webhooks)? */
  allowPrivateNetwork: boolean;
};

/** What a filter returns: the (possibly transformed) payload, or a rejection. */
export type FilterResult<P> = P | { reject: string } | void;

export type FilterHook<H extends FilterHookName, C> = {
  priority?: number;
  timeoutMs?: number;
  /** A required filter that throws or times out blocks the write (fail closed); others are skipped. */
  required?: boolean;
  run: (payload: FilterPayloads[H], context: PluginContext<C>) => Promise<FilterResult<FilterPayloads[H]>> | FilterResult<FilterPayloads[H]>;
};

export type ActionHook<H extends ActionHookName, C> = {
  priority?: number;
  timeoutMs?: number;
  run: (payload: ActionPayload<H>, context: PluginContext<C>) => Promise<void> | void;
};

export type PluginHooks<C> = {
  filters?: { [H in FilterHookName]?: FilterHook<H, C> };
  actions?: { [H in ActionHookName]?: ActionHook<H, C> };
};

export type PluginDefinition<C = Record<string, unknown>> = {
  name: string;
  version: string;
  description?: string;
  /** Semver range of Community Engine versions this plugin works with. */
  engines: string;
  configSchema: z.ZodType<C>;
  /** Config keys shown masked by `plugins config` and the admin page. */
  secretKeys?: string[];
  hooks: PluginHooks<C>;
};

/** Declares a plugin; typed end to end (hook payloads and the parsed config). */
export function definePlugin<C>(plugin: PluginDefinition<C>): PluginDefinition<C> {
  return plugin;
}

export function reject(reason: string): { reject: string } {
  return { reject: reason };
}
