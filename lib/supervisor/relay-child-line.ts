import type { Logger } from "../logger";

type Level = "trace" | "debug" | "info" | "warn" | "error" | "fatal";
const PINO_LEVELS: Record<number, Level> = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };

/**
 * Re-emits one line a child printed through the supervisor's logger, labelled `proc: <child>`.
 * A pino JSON line keeps its level, message and fields (its own time/pid/hostname are replaced
 * by the supervisor's); anything else (Next's banner, a stack trace) becomes the message.
 */
export function relayChildLine(logger: Logger, proc: string, stream: "stdout" | "stderr", line: string): void {
  const text = line.trimEnd();
  if (text.trim() === "") return;
  const record = text.startsWith("{") ? parseObject(text) : undefined;
  if (!record) {
    logger[stream === "stderr" ? "warn" : "info"]({ proc }, text);
    return;
  }
  const { level, msg, time: _time, pid: _pid, hostname: _hostname, proc: _proc, name: _name, v: _v, ...fields } = record;
  const label = (typeof level === "number" && PINO_LEVELS[level]) || (typeof level === "string" && isLevel(level) ? level : undefined);
  logger[label || (stream === "stderr" ? "warn" : "info")]({ proc, ...fields }, typeof msg === "string" ? msg : "");
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isLevel(value: string): value is Level {
  return Object.values(PINO_LEVELS).includes(value as Level);
}
