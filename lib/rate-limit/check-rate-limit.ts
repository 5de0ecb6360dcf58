import type { Redis } from "ioredis";
import type { Config } from "../config";
import { AppError } from "../errors/app-error";
import { createLogger, type Logger } from "../logger";

export const RATE_LIMITED_ACTIONS = ["question", "answer", "vote"] as const;
export type RateLimitedAction = (typeof RATE_LIMITED_ACTIONS)[number];

/** Per user per minute, unless the RATE_LIMIT_*_PER_MIN variables say otherwise. */
export const DEFAULT_RATE_LIMITS: Record<RateLimitedAction, number> = { question: 5, answer: 10, vote: 60 };

type RateLimitConfig = Pick<Config, "RATE_LIMIT_QUESTIONS_PER_MIN" | "RATE_LIMIT_ANSWERS_PER_MIN" | "RATE_LIMIT_VOTES_PER_MIN">;

export function rateLimitsFromConfig(config: RateLimitConfig): Record<RateLimitedAction, number> {
  return {
    question: config.RATE_LIMIT_QUESTIONS_PER_MIN,
    answer: config.RATE_LIMIT_ANSWERS_PER_MIN,
    vote: config.RATE_LIMIT_VOTES_PER_MIN,
  };
}

export type CheckRateLimitOptions = {
  redis: Redis;
  actorId: string;
  action: RateLimitedAction;
  /** Allowed per window; DEFAULT_RATE_LIMITS[action] when absent. */
  limit?: number;
  windowSeconds?: number;
  /** The site's Redis prefix (config.REDIS_PREFIX), so several sites can share a Redis. */
  keyPrefix: string;
  disabled?: boolean;
  logger?: Pick<Logger, "warn">;
  /** Milliseconds since the epoch; tests pin the clock. */
  now?: number;
};

let defaultLogger: Logger | undefined;

/**
 * Fixed-window per-user counter in Redis (INCR on a key named after the current window) →
 * RATE_LIMITED with details.retryAfter = seconds until the window turns. Fails open: when Redis
 * is down or slow (the producer client gives up within ~1 s) we log and allow, losing the
 * protection for a moment, never the site.
 */
export async function checkRateLimit(options: CheckRateLimitOptions): Promise<{ remaining: number }> {
  const limit = options.limit ?? DEFAULT_RATE_LIMITS[options.action];
  if (options.disabled) return { remaining: limit };
  const windowSeconds = options.windowSeconds ?? 60;
  const nowSeconds = (options.now ?? Date.now()) / 1000;
  const window = Math.floor(nowSeconds / windowSeconds);
  const key = `${options.keyPrefix}:rl:${options.action}:${options.actorId}:${window}`;
  let count: number;
  try {
    const results = await options.redis.multi().incr(key).expire(key, windowSeconds + 1).exec();
    const [error, value] = results?.[0] ?? [new Error("empty MULTI reply"), null];
    if (error) throw error;
    count = Number(value);
  } catch (error) {
    const logger = options.logger ?? (defaultLogger ??= createLogger({ name: "rate-limit" }));
    logger.warn({ err: error, action: options.action }, "rate limit skipped: Redis unavailable");
    return { remaining: limit };
  }
  if (count > limit) {
    const retryAfter = Math.max(1, Math.ceil((window + 1) * windowSeconds - nowSeconds));
    throw new AppError("RATE_LIMITED", `Too many ${options.action}s: try again in ${retryAfter} s`, { retryAfter });
  }
  return { remaining: limit - count };
}
