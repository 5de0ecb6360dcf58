import pino, { type Logger } from "pino";

/**
 * pino logger with a process label. JSON by default (the supervisor pretty-prints children's
 * lines itself when it runs on a TTY), pretty when this process itself writes to a TTY.
 */
export function createLogger(options: { name: string; level?: string; pretty?: boolean }): Logger {
  const pretty = options.pretty ?? Boolean(process.stdout.isTTY);
  return pino({
    name: options.name,
    level: options.level ?? process.env.LOG_LEVEL ?? "info",
    base: { proc: options.name },
    ...(pretty
      ? { transport: { target: "pino-pretty", options: { colorize: true, ignore: "pid,hostname" } } }
      : {}),
  });
}

export type { Logger };
