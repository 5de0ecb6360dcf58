import { DATABASE_URL_SCHEMA, type Env } from "../config";
import { AppError } from "../errors/app-error";

/**
 * DATABASE_URL alone, validated as parseConfig does (same message): `migrate` must work where
 * only the database is configured yet (a container's release step, CI), without the auth
 * secret or Redis.
 */
export function requireDatabaseUrl(env: Env): string {
  const result = DATABASE_URL_SCHEMA.safeParse(env.DATABASE_URL === "" ? undefined : env.DATABASE_URL);
  if (result.success) return result.data;
  const message = result.error.issues[0]?.message ?? "is not valid";
  throw new AppError(
    "VALIDATION_FAILED",
    `DATABASE_URL ${message} (set it in .env or the environment; \`community-engine init\` writes one)`,
    { fields: { DATABASE_URL: message } },
  );
}
