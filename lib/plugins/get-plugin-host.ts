import { getConfig } from "../config";
import { getDb } from "../db";
import { createLogger } from "../logger";
import { createRedis, getRedis } from "../redis";
import { createPluginHost, type PluginHost } from "./plugin-host";

const globalForPlugins = globalThis as unknown as { cePluginHost?: PluginHost };

/** The process-wide Plugin Bus (web and worker), listening for state changes on Redis. */
export function getPluginHost(): PluginHost {
  if (!globalForPlugins.cePluginHost) {
    const config = getConfig();
    const subscriber = createRedis({ url: config.REDIS_URL, role: "worker" });
    subscriber.on("error", () => {
      // Missed announcements are covered by the state TTL.
    });
    globalForPlugins.cePluginHost = createPluginHost({
      db: getDb(),
      logger: createLogger({ name: "plugins", pretty: false }),
      redis: getRedis(),
      subscriber,
      redisPrefix: config.REDIS_PREFIX,
      packages: config.PLUGINS,
      pluginsDir: config.PLUGINS_DIR,
      cwd: process.env.CE_INSTALL_DIR ?? process.cwd(),
      allowPrivateNetwork: config.WEBHOOKS_ALLOW_PRIVATE,
    });
  }
  return globalForPlugins.cePluginHost;
}
