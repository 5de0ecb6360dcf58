import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseDotenv } from "dotenv";
import { z } from "zod";
import { AppError } from "./errors/app-error";

/**
 * The one place configuration is read and validated. Sources, later wins:
 * `.env` in the working directory, then real environment variables.
 */

const urlWithProtocols = (protocols: string[], example: string) =>
  z
    .string({ error: `is required (e.g. ${example})` })
    .trim()
    .min(1, `is required (e.g. ${example})`)
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, `must be a ${protocols.map((p) => p.replace(":", "://")).join(" or ")} URL (e.g. ${example})`);

const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .default("0")
  .transform((value) => value === "1" || value === "true" || value === "yes");

export const DATABASE_URL_SCHEMA = urlWithProtocols(["postgres:", "postgresql:"], "postgresql://user:pass@localhost:5432/community");
export const REDIS_URL_SCHEMA = urlWithProtocols(["redis:", "rediss:"], "redis://127.0.0.1:6379");
export const SITE_URL_SCHEMA = urlWithProtocols(["http:", "https:"], "https://community.example.com");
export const PORT_SCHEMA = z.coerce
  .number({ error: "must be a port number between 1 and 65535" })
  .int("must be a port number between 1 and 65535")
  .min(1, "must be a port number between 1 and 65535")
  .max(65535, "must be a port number between 1 and 65535");

const configSchema = z.object({
  DATABASE_URL: DATABASE_URL_SCHEMA,
  REDIS_URL: REDIS_URL_SCHEMA,
  BETTER_AUTH_SECRET: z
    .string({ error: "is required: run `community-engine init` or set a random string of 32+ characters" })
    .min(32, "must be at least 32 characters: run `openssl rand -base64 32` to make one"),
  SITE_URL: SITE_URL_SCHEMA.default("http://localhost:3000"),
  SITE_NAME: z.string().trim().min(1).max(80).default("Community Engine"),
  PORT: PORT_SCHEMA.default(3000),
  HOST: z.string().default("0.0.0.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
  /** Comma-separated npm package names of third-party plugins. */
  PLUGINS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((name) => name.trim()).filter(Boolean)),
  PLUGINS_DIR: z.string().default("plugins"),
  /** Lets webhooks reach loopback/private addresses (off by default: SSRF guard). */
  WEBHOOKS_ALLOW_PRIVATE: booleanFlag,
  /** Notification, rate-limit and cache keys are prefixed so several sites can share a Redis. */
  REDIS_PREFIX: z.string().regex(/^[a-zA-Z0-9_-]*$/, "may only contain letters, digits, _ and -").default("ce"),
  MIGRATE_ON_START: booleanFlag,
  RATE_LIMITS_DISABLED: booleanFlag,
  /** Per-user writes per minute (lib/rate-limit/check-rate-limit.ts). */
  RATE_LIMIT_QUESTIONS_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(5),
  RATE_LIMIT_ANSWERS_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(10),
  RATE_LIMIT_VOTES_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(60),
});

export type Config = z.infer<typeof configSchema>;
export type Env = Record<string, string | undefined>;

/** Reads `.env` in `cwd` (if present) under the real environment. */
export function readEnv(options: { cwd?: string; env?: Env } = {}): Env {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  let fileValues: Env = {};
  try {
    fileValues = parseDotenv(readFileSync(path.join(cwd, ".env")));
  } catch {
    // no .env: environment variables only
  }
  return { ...fileValues, ...env };
}

/** Validates configuration; a bad or missing value names the variable and how to fix it. */
export function parseConfig(env: Env): Config {
  const result = configSchema.safeParse(emptyToUndefined(env));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = String(issue.path[0] ?? "config");
  const hint = variable === "DATABASE_URL" || variable === "REDIS_URL" || variable === "BETTER_AUTH_SECRET"
    ? " (set it in .env or the environment; `community-engine init` writes one)"
    : "";
  throw new AppError("VALIDATION_FAILED", `${variable} ${issue.message}${hint}`, {
    fields: { [variable]: issue.message },
  });
}

let cached: Config | undefined;

/** The process's config, validated once. */
export function getConfig(): Config {
  cached ??= parseConfig(readEnv());
  return cached;
}

function emptyToUndefined(env: Env): Env {
  const out: Env = {};
  for (const [key, value] of Object.entries(env)) out[key] = value === "" ? undefined : value;
  return out;
}
