import type { Redis } from "ioredis";
import { AppError } from "../errors/app-error";

export const RATE_LIMITS = {
  question: { limit: 5, windowSeconds: 60 },
  answer: { limit: 10, windowSeconds: 60 },
  vote: { limit: 60, windowSeconds: 60 },
} as const;

export type RateLimitedAction = keyof typeof RATE_LIMITS;

/**
 * Fixed-window per-user limit in Redis → RATE_LIMITED with Retry-After. Fails open: when Redis
 * is down we lose the protection for a moment, never the site.
 */
export async function checkRateLimit(options: {
  redis: Redis;
  keyPrefix: string;
  actorId: string;
  action: RateLimitedAction;
  disabled?: boolean;
}): Promise<void> {
  if (options.disabled) return;
  const { limit, windowSeconds } = RATE_LIMITS[options.action];
  const window = Math.floor(Date.now() / 1000 / windowSeconds);
  const key = `${options.keyPrefix}:rl:${options.action}:${options.actorId}:${window}`;
  let count: number;
  try {
    const results = await options.redis.multi().incr(key).expire(key, windowSeconds + 1).exec();
    count = Number(results?.[0]?.[1] ?? 0);
  } catch {
    return;
  }
  if (count > limit) {
    const retryAfter = windowSeconds - (Math.floor(Date.now() / 1000) % windowSeconds);
    throw new AppError("RATE_LIMITED", `Too many ${options.action}s: try again in ${retryAfter} s`, { retryAfter });
  }
}
