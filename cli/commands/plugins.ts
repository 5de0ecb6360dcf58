import type { Command } from "commander";
import { getConfig } from "../../lib/config";
import { AppError } from "../../lib/errors/app-error";
import { createLogger } from "../../lib/logger";
import { configurePlugin, maskSecrets } from "../../lib/plugins/configure-plugin";
import type { Redis } from "ioredis";
import type { Db } from "../../lib/db";
import { createPluginHost, type PluginHost } from "../../lib/plugins/plugin-host";
import { createRedis } from "../../lib/redis";
import { withCliDb } from "../cli-db";
import { formatTable } from "../format-table";

/** Runs with the plugin host of this install (same loading rules as the server). */
type PluginsContext = { host: PluginHost; publish: { db: Db; redis: Redis; redisPrefix: string } };

async function withPlugins<T>(run: (context: PluginsContext) => Promise<T>): Promise<T> {
  const config = getConfig();
  const redis = createRedis({ url: config.REDIS_URL, role: "producer" });
  redis.on("error", () => {});
  try {
    return await withCliDb((db) =>
      run({
        host: createPluginHost({
          db,
          logger: createLogger({ name: "plugins", level: "silent", pretty: false }),
          redisPrefix: config.REDIS_PREFIX,
          packages: config.PLUGINS,
          pluginsDir: config.PLUGINS_DIR,
          cwd: process.cwd(),
          allowPrivateNetwork: config.WEBHOOKS_ALLOW_PRIVATE,
        }),
        publish: { db, redis, redisPrefix: config.REDIS_PREFIX },
      }),
    );
  } finally {
    redis.disconnect();
  }
}

async function change(name: string, options: { enabled?: boolean; set?: string[] }) {
  return withPlugins(async ({ host, publish }) => {
    const { plugins } = await host.load();
    return configurePlugin({ ...publish, plugins, name, ...options });
  });
}

/** `community-engine plugins …`: list, enable, disable and configure plugins on a running site. */
export function registerPluginsCommand(program: Command): void {
  const plugins = program.command("plugins").description("Manage plugins (changes reach running processes within seconds)");

  plugins
    .command("list")
    .description("List plugins: name, version, enabled, healthy, hooks")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const list = await withPlugins(({ host }) => host.list());
      const safe = list.map((p) => ({ ...p, config: maskSecrets(p.config, p.secretKeys) }));
      if (options.json) return void process.stdout.write(`${JSON.stringify(safe, null, 2)}\n`);
      const rows = safe.map((p) => [p.name, p.version, p.enabled ? "yes" : "no", p.healthy ? "yes" : `no${p.disabledReason ? ` (${p.disabledReason})` : ""}`, p.hooks.join(", ")]);
      process.stdout.write(formatTable(["NAME", "VERSION", "ENABLED", "HEALTHY", "HOOKS"], rows));
    });

  for (const [verb, enabled] of [["enable", true], ["disable", false]] as const) {
    plugins
      .command(`${verb} <name>`)
      .description(`${verb[0].toUpperCase()}${verb.slice(1)} a plugin`)
      .action(async (name: string) => {
        await change(name, { enabled });
        process.stdout.write(`✓ ${name} ${enabled ? "enabled" : "disabled"}\n`);
      });
  }

  plugins
    .command("config <name>")
    .description("Show a plugin's config, or change it with --set key=value (validated by the plugin)")
    .option("--set <pair...>", "key=value (dotted keys, JSON values: --set threshold=8 --set 'blockedWords=[\"casino\"]')")
    .option("--json", "print JSON")
    .action(async (name: string, options: { set?: string[]; json?: boolean }) => {
      const result = options.set?.length
        ? await change(name, { set: options.set })
        : await withPlugins(async ({ host }) => {
            const found = (await host.list()).find((p) => p.name === name);
            if (!found) throw new AppError("NOT_FOUND", `No plugin named ${name} (see \`plugins list\`)`);
            return found;
          });
      const secretKeys = (await withPlugins(({ host }) => host.list())).find((p) => p.name === name)?.secretKeys ?? [];
      const masked = maskSecrets(result.config, secretKeys);
      process.stdout.write(options.json ? `${JSON.stringify(masked, null, 2)}\n` : `${name} (${result.enabled ? "enabled" : "disabled"})\n${JSON.stringify(masked, null, 2)}\n`);
    });
}
