import semver from "semver";
import { APP_VERSION } from "../version";
import type { PluginDefinition } from "./define-plugin";
import { ACTION_HOOK_NAMES, DEPRECATED_HOOKS, FILTER_HOOK_NAMES } from "./hook-types";

export type PluginCheck = { ok: true; warnings: string[] } | { ok: false; reason: string };

/**
 * Checked at load, so an incompatible plugin is refused with a clear message instead of
 * breaking silently after an upgrade: shape, engine range, and hook names (a closed list).
 */
export function validatePlugin(candidate: unknown, appVersion = APP_VERSION): PluginCheck {
  const plugin = candidate as Partial<PluginDefinition>;
  if (!plugin || typeof plugin !== "object" || typeof plugin.name !== "string" || !/^[a-z0-9][a-z0-9._-]{0,63}$/.test(plugin.name)) {
    return { ok: false, reason: "not a plugin: export default definePlugin({ name, version, engines, configSchema, hooks })" };
  }
  if (typeof plugin.version !== "string" || !semver.valid(plugin.version)) return { ok: false, reason: `${plugin.name}: version must be semver` };
  if (typeof plugin.engines !== "string" || !semver.validRange(plugin.engines)) {
    return { ok: false, reason: `${plugin.name}: engines must be a semver range of Community Engine versions` };
  }
  const version = semver.coerce(appVersion)?.version ?? appVersion;
  if (!semver.satisfies(version, plugin.engines, { includePrerelease: true })) {
    return { ok: false, reason: `${plugin.name}@${plugin.version} requires Community Engine ${plugin.engines}, this is ${appVersion}` };
  }
  if (!plugin.configSchema || typeof (plugin.configSchema as { safeParse?: unknown }).safeParse !== "function") {
    return { ok: false, reason: `${plugin.name}: configSchema must be a zod schema` };
  }
  const warnings: string[] = [];
  const known: Record<string, readonly string[]> = { filters: FILTER_HOOK_NAMES, actions: ACTION_HOOK_NAMES };
  for (const kind of ["filters", "actions"] as const) {
    for (const hook of Object.keys(plugin.hooks?.[kind] ?? {})) {
      const deprecated = DEPRECATED_HOOKS[hook];
      if (deprecated) warnings.push(`${plugin.name}: hook ${hook} is deprecated since ${deprecated.since}, use ${deprecated.new} (removed in ${deprecated.until})`);
      else if (!known[kind].includes(hook)) return { ok: false, reason: `${plugin.name}: unknown ${kind.slice(0, -1)} hook "${hook}"` };
    }
  }
  return { ok: true, warnings };
}
