import os from "node:os";
import pino from "pino";
import pretty from "pino-pretty";
import type { Logger } from "../logger";

/**
 * The logger of the process that multiplexes everyone's logs. Unlike createLogger (lib/logger),
 * `proc` is not a fixed binding but a default (mixin): relayed lines carry their child's label
 * as their only `proc` key, and the supervisor's own lines get `proc: "supervisor"` and its pid.
 * On a TTY, lines are pretty-printed in-process (no transport thread) as `<proc> › <msg>`.
 */
export function createSupervisorLogger(
  options: { level?: string; pretty?: boolean; destination?: pino.DestinationStream } = {},
): Logger {
  const usePretty = options.pretty ?? Boolean(process.stdout.isTTY);
  const loggerOptions: pino.LoggerOptions = {
    level: options.level ?? process.env.LOG_LEVEL ?? "info",
    base: { hostname: os.hostname() },
    mixin: (fields: object) => ("proc" in fields ? {} : { proc: "supervisor", pid: process.pid }),
  };
  if (!usePretty) return options.destination ? pino(loggerOptions, options.destination) : pino(loggerOptions);
  return pino(
    loggerOptions,
    pretty({
      colorize: true,
      sync: true,
      ignore: "pid,hostname,proc",
      messageFormat: "{proc} › {msg}",
      ...(options.destination ? { destination: options.destination } : {}),
    }),
  );
}
