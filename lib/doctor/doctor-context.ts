import type { Redis } from "ioredis";
import { type Config, DATABASE_URL_SCHEMA, type Env, REDIS_URL_SCHEMA } from "../config";
import { connectRedis } from "../setup/check-redis";

export type DoctorContext = {
  env: Env;
  migrationsDir: string;
  /** Bound on each connection attempt. */
  timeoutMs: number;
  /** Set by the config check once the whole configuration is valid. */
  config?: Config;
  /**
   * Each set as soon as that one variable is valid, so a bad BETTER_AUTH_SECRET does not hide
   * whether Postgres and Redis answer.
   */
  databaseUrl?: string;
  redisUrl?: string;
  redisPrefix: string;
  /** One shared Redis connection, made on first use (throws UNAVAILABLE); closed by close(). */
  redis(): Promise<Redis>;
  close(): Promise<void>;
};

export function createDoctorContext(options: { env: Env; migrationsDir: string; timeoutMs?: number }): DoctorContext {
  const { env } = options;
  const timeoutMs = options.timeoutMs ?? 3000;
  const databaseUrl = DATABASE_URL_SCHEMA.safeParse(env.DATABASE_URL);
  const redisUrl = REDIS_URL_SCHEMA.safeParse(env.REDIS_URL);
  const prefix = env.REDIS_PREFIX;
  let redis: Promise<Redis> | undefined;
  return {
    env,
    migrationsDir: options.migrationsDir,
    timeoutMs,
    databaseUrl: databaseUrl.success ? databaseUrl.data : undefined,
    redisUrl: redisUrl.success ? redisUrl.data : undefined,
    redisPrefix: prefix !== undefined && /^[a-zA-Z0-9_-]+$/.test(prefix) ? prefix : "ce",
    redis() {
      if (!redisUrl.success) return Promise.reject(new Error("REDIS_URL is missing or invalid"));
      redis ??= connectRedis({ url: redisUrl.data, timeoutMs });
      return redis;
    },
    async close() {
      const client = await redis?.catch(() => undefined);
      client?.disconnect();
    },
  };
}
