import { z } from "zod";
import { DATABASE_URL_SCHEMA, PORT_SCHEMA, REDIS_URL_SCHEMA, SITE_URL_SCHEMA } from "../config";
import { AppError } from "../errors/app-error";

/** The answers `init` needs, once validated. */
export type InitValues = {
  databaseUrl: string;
  redisUrl: string;
  port: number;
  siteUrl: string;
  siteName: string;
};

export type InitField = keyof InitValues;

/** Where each value can come from: a flag, or the variable it ends up as in `.env`. */
export const INIT_FIELDS: Record<InitField, { flag: string; env: string }> = {
  databaseUrl: { flag: "--database-url", env: "DATABASE_URL" },
  redisUrl: { flag: "--redis-url", env: "REDIS_URL" },
  port: { flag: "--port", env: "PORT" },
  siteUrl: { flag: "--site-url", env: "SITE_URL" },
  siteName: { flag: "--site-name", env: "SITE_NAME" },
};

const SITE_NAME_SCHEMA = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(80, "must be at most 80 characters")
  // One line: it is written into .env and shown in page titles.
  .refine((value) => ![...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f), "must be a single line of text");

const SCHEMAS: { [F in InitField]: z.ZodType<InitValues[F]> } = {
  databaseUrl: DATABASE_URL_SCHEMA,
  redisUrl: REDIS_URL_SCHEMA,
  port: PORT_SCHEMA,
  // Better-Auth and links build on it; a trailing slash would give `//api/...`.
  siteUrl: SITE_URL_SCHEMA.transform((value) => value.replace(/\/+$/, "")),
  siteName: SITE_NAME_SCHEMA,
};

export type FieldCheck<F extends InitField> = { ok: true; value: InitValues[F] } | { ok: false; message: string };

/** Pure validation of one answer; the message reads after the field's name ("must be …"). */
export function checkInitField<F extends InitField>(field: F, raw: string | undefined): FieldCheck<F> {
  const result = SCHEMAS[field].safeParse(raw ?? "");
  if (result.success) return { ok: true, value: result.data as InitValues[F] };
  return { ok: false, message: result.error.issues[0]?.message ?? "is not valid" };
}

/**
 * Validates a value given on the command line or in the environment; a bad one throws the one
 * line the CLI prints (exit 1), naming where it came from.
 */
export function parseInitField<F extends InitField>(field: F, raw: string, source: "flag" | "env"): InitValues[F] {
  const check = checkInitField(field, raw);
  if (check.ok) return check.value;
  const name = source === "flag" ? INIT_FIELDS[field].flag : `${INIT_FIELDS[field].env} (from the environment)`;
  throw new AppError("VALIDATION_FAILED", `${name} ${check.message}`, { fields: { [INIT_FIELDS[field].env]: check.message } });
}
