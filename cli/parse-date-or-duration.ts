import { AppError } from "../lib/errors/app-error";

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--until` accepts a date/time ("2030-01-31", ISO 8601) or a duration from now ("12h", "7d", "2w"). */
export function parseDateOrDuration(value: string, flag: string, now = Date.now()): Date {
  const duration = /^(\d+)\s*([mhdw])$/i.exec(value.trim());
  if (duration) return new Date(now + Number(duration[1]) * UNITS[duration[2].toLowerCase()]);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new AppError("VALIDATION_FAILED", `${flag} must be a date (2030-01-31, ISO 8601) or a duration (12h, 7d, 2w)`);
  }
  return date;
}
