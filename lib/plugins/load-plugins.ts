import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { PluginDefinition } from "./define-plugin";
import { BUILTIN_PLUGINS } from "./builtin-plugins";
import { validatePlugin } from "./validate-plugin";

export type LoadedPlugin = { plugin: PluginDefinition<unknown>; source: "builtin" | "npm" | "folder" };
export type LoadResult = { plugins: LoadedPlugin[]; refused: Array<{ name: string; reason: string }>; warnings: string[] };

/**
 * Finds plugins without rebuilding the app: built-ins, npm packages named in PLUGINS (resolved
 * from the install directory), and folders in PLUGINS_DIR (each with an index.js/index.mjs
 * whose default export is a definePlugin(...) object).
 */
export async function loadPlugins(options: { packages: string[]; pluginsDir: string; cwd: string }): Promise<LoadResult> {
  const result: LoadResult = { plugins: [], refused: [], warnings: [] };
  const seen = new Set<string>();
  const accept = (candidate: unknown, source: LoadedPlugin["source"], origin: string) => {
    const check = validatePlugin(candidate);
    if (!check.ok) return result.refused.push({ name: origin, reason: check.reason });
    const plugin = candidate as PluginDefinition<unknown>;
    if (seen.has(plugin.name)) return result.refused.push({ name: origin, reason: `a plugin named ${plugin.name} is already loaded` });
    seen.add(plugin.name);
    result.warnings.push(...check.warnings);
    result.plugins.push({ plugin, source });
  };

  for (const plugin of BUILTIN_PLUGINS) accept(plugin, "builtin", plugin.name);

  const requireFromInstall = createRequire(path.join(/* turbopackIgnore: true */ options.cwd, "package.json"));
  for (const name of options.packages) {
    try {
      accept(await importDefault(requireFromInstall.resolve(name)), "npm", name);
    } catch (error) {
      result.refused.push({ name, reason: `cannot load npm package ${name}: ${(error as Error).message.split("\n")[0]}` });
    }
  }

  // turbopackIgnore: these paths are the install's, known only at run time (not build inputs).
  const dir = path.resolve(/* turbopackIgnore: true */ options.cwd, options.pluginsDir);
  if (existsSync(dir)) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const index = ["index.mjs", "index.js"].map((file) => path.join(/* turbopackIgnore: true */ dir, entry.name, file)).find((file) => existsSync(file));
      if (!index) continue;
      try {
        accept(await importDefault(index), "folder", entry.name);
      } catch (error) {
        result.refused.push({ name: entry.name, reason: `cannot load ${index}: ${(error as Error).message.split("\n")[0]}` });
      }
    }
  }
  return result;
}

async function importDefault(file: string): Promise<unknown> {
  const module = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileURL(file).href)) as { default?: unknown };
  return module.default ?? module;
}
