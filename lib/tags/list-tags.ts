import type { Redis } from "ioredis";
import { z } from "zod";
import { CACHE_KEYS } from "../cache/cache-keys";
import { cached } from "../cache/cached";
import type { Db } from "../db";

export const TAG_SORTS = ["popular", "trending", "name"] as const;
export type TagSort = (typeof TAG_SORTS)[number];

export const listTagsQuery = z.object({
  sort: z.enum(TAG_SORTS, { error: `sort must be one of ${TAG_SORTS.join(", ")}` }).default("popular"),
  q: z.string().trim().toLowerCase().max(35, "q must be at most 35 characters").optional(),
  limit: z.coerce.number({ error: "limit must be a number from 1 to 50" }).int().min(1, "limit must be at least 1").max(50, "limit must be at most 50").default(20),
});

export type TagItem = { name: string; questionCount: number };
export type ListTagsOptions = {
  db: Db;
  /** When given, the unfiltered popular and trending lists come through the Redis cache. */
  redis?: Redis;
  sort?: TagSort;
  /** Suggestions: prefix matches first, then typo-tolerant trigram matches. */
  q?: string;
  /** 1..100 (the API caps at 50; the tags page shows 100). */
  limit?: number;
};

/** How many tags a cached list holds; every smaller limit is a slice of it. */
const CACHED_TAGS = 100;

/**
 * Tags by popularity (questionCount), by recent use ("trending": most questions in the last
 * 7 days) or by name. With `q`: prefix matches first, then pg_trgm similarity on the whole name
 * or on a word of it ("javscript" → javascript, "script" → javascript). Unfiltered popular and
 * trending lists are cached for a minute and dropped on question writes.
 */
export async function listTags(options: ListTagsOptions): Promise<{ items: TagItem[] }> {
  const sort = options.sort ?? "popular";
  const limit = Math.min(Math.max(options.limit ?? 20, 1), CACHED_TAGS);
  const { db, redis } = options;
  const q = options.q?.trim().toLowerCase();
  if (q) return { items: await suggestTags(db, q, limit) };
  if (sort === "name") {
    const items = await db.tag.findMany({ where: { questionCount: { gt: 0 } }, orderBy: { name: "asc" }, take: limit, select: { name: true, questionCount: true } });
    return { items };
  }
  const load = () => (sort === "trending" ? trendingTags(db, CACHED_TAGS) : popularTags(db, CACHED_TAGS));
  const key = sort === "trending" ? CACHE_KEYS.trendingTags() : CACHE_KEYS.popularTags();
  const all = redis ? await cached({ redis, key, ttlSeconds: 60, load }) : await load();
  return { items: all.slice(0, limit) };
}

function popularTags(db: Db, limit: number): Promise<TagItem[]> {
  return db.tag.findMany({
    where: { questionCount: { gt: 0 } },
    orderBy: [{ questionCount: "desc" }, { name: "asc" }],
    take: limit,
    select: { name: true, questionCount: true },
  });
}

/** questionCount here is the 7-day count: what makes the tag trend. */
function trendingTags(db: Db, limit: number): Promise<TagItem[]> {
  return db.$queryRaw<TagItem[]>`
    SELECT t."name", COUNT(*)::int AS "questionCount"
    FROM "question_tag" qt
    JOIN "tag" t ON t."id" = qt."tagId"
    JOIN "question" q ON q."id" = qt."questionId"
    WHERE q."createdAt" > now() - interval '7 days' AND q."deletedAt" IS NULL
    GROUP BY t."name"
    ORDER BY 2 DESC, 1 ASC
    LIMIT ${limit}`;
}

/**
 * Looser than pg_trgm's default 0.3 so transpositions ("pyhton") still match; ordering by
 * similarity keeps the best guesses first. SET LOCAL keeps the setting to this transaction.
 */
const SUGGEST_THRESHOLD = "0.2";

async function suggestTags(db: Db, q: string, limit: number): Promise<TagItem[]> {
  const prefix = `${q.replace(/[%_\\]/g, "\\$&")}%`;
  const [, , rows] = await db.$transaction([
    db.$queryRaw`SELECT set_config('pg_trgm.similarity_threshold', ${SUGGEST_THRESHOLD}, true)`,
    db.$queryRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${SUGGEST_THRESHOLD}, true)`,
    db.$queryRaw<TagItem[]>`
      SELECT "name", "questionCount" FROM "tag"
      WHERE "name" LIKE ${prefix} OR "name" % ${q} OR ${q} <% "name"
      ORDER BY ("name" LIKE ${prefix}) DESC,
               greatest(similarity("name", ${q}), word_similarity(${q}, "name")) DESC,
               "questionCount" DESC, "name" ASC
      LIMIT ${limit}`,
  ]);
  return rows;
}
