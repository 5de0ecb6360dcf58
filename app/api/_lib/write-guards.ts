import { revalidateTag } from "next/cache";
import type { Actor } from "@/lib/auth/actor";
import { invalidate } from "@/lib/cache/cached";
import { questionWriteKeys } from "@/lib/cache/cache-keys";
import { invalidatePages } from "@/lib/front/page-cache";
import { getConfig } from "@/lib/config";
import { checkRateLimit, rateLimitsFromConfig, type RateLimitedAction } from "@/lib/rate-limit/check-rate-limit";
import { getRedis } from "@/lib/redis";

/** Per-user write limits (429 + Retry-After), sized by the RATE_LIMIT_*_PER_MIN settings. */
export async function limitRate(actor: Actor, action: RateLimitedAction): Promise<void> {
  const config = getConfig();
  await checkRateLimit({
    redis: getRedis(),
    keyPrefix: config.REDIS_PREFIX,
    actorId: actor.id,
    action,
    limit: rateLimitsFromConfig(config)[action],
    disabled: config.RATE_LIMITS_DISABLED,
  });
}

/**
 * Drops Next's data cache for lists and the question page (pages of anonymous readers).
 * `expire: 0`, not "max": the writer is sent straight to these pages (new question, edit,
 * answer + router.refresh()) and must see their write; "max" would serve them the stale copy once.
 */
export function revalidateQuestionPages(questionId?: number): void {
  revalidateTag("questions", { expire: 0 });
  revalidateTag("tags", { expire: 0 });
  if (questionId !== undefined) revalidateTag(`question:${questionId}`, { expire: 0 });
  // Every question page carries the "questions" tag too, so the front page cache drops it all.
  invalidatePages("all");
}

/**
 * After a vote: the question's page shows the new score on its next render. "max" (stale while
 * revalidate) because a vote is frequent and its voter already sees the new score client-side.
 */
export function revalidateVotedQuestion(questionId: number): void {
  revalidateTag(`question:${questionId}`, "max");
  invalidatePages({ questionId });
}

/** After a site setting changed: the name shows on every page. */
export function revalidateSitePages(): void {
  revalidateTag("settings", { expire: 0 });
  invalidatePages("all");
}

/**
 * After a write that changes lists or a question page, for writers that don't invalidate the
 * Redis caches themselves (domain functions given `redis` do): Next and Redis caches.
 */
export async function afterQuestionWrite(questionId?: number): Promise<void> {
  revalidateQuestionPages(questionId);
  await invalidate({ redis: getRedis(), keys: questionWriteKeys() });
}
