import { redisKey } from "../redis";

/** Every cache key in one place, so writers know what to invalidate. */
export const CACHE_KEYS = {
  trendingTags: () => redisKey("cache", "tags", "trending"),
  popularTags: () => redisKey("cache", "tags", "popular"),
  popularQuestions: () => redisKey("cache", "questions", "popular"),
};

/** What a question write (create, edit, retag, delete) can change. */
export function questionWriteKeys(): string[] {
  return [CACHE_KEYS.trendingTags(), CACHE_KEYS.popularTags(), CACHE_KEYS.popularQuestions()];
}
