import { revalidateTag } from "next/cache";
import type { Actor } from "@/lib/auth/actor";
import { invalidate } from "@/lib/cache/cached";
import { questionWriteKeys } from "@/lib/cache/cache-keys";
import { getConfig } from "@/lib/config";
import { checkRateLimit, type RateLimitedAction } from "@/lib/rate-limit/check-rate-limit";
import { getRedis } from "@/lib/redis";

/** Per-user write limits (429 + Retry-After). */
export function limitRate(actor: Actor, action: RateLimitedAction): Promise<void> {
  const config = getConfig();
  return checkRateLimit({
    redis: getRedis(),
    keyPrefix: config.REDIS_PREFIX,
    actorId: actor.id,
    action,
    disabled: config.RATE_LIMITS_DISABLED,
  });
}

/** After a write that changes lists or a question page: drop Redis and Next data caches. */
export async function afterQuestionWrite(questionId?: number): Promise<void> {
  revalidateTag("questions", "max");
  revalidateTag("tags", "max");
  if (questionId !== undefined) revalidateTag(`question:${questionId}`, "max");
  await invalidate({ redis: getRedis(), keys: questionWriteKeys() });
}
