import { createLogger, type Logger } from "@/lib/logger";

const globalForLogger = globalThis as unknown as { ceWebLogger?: Logger };

export function getLogger(): Logger {
  globalForLogger.ceWebLogger ??= createLogger({ name: "web", pretty: false });
  return globalForLogger.ceWebLogger;
}
