import type { Redis } from "ioredis";
import { z } from "zod";
import { CACHE_KEYS } from "../cache/cache-keys";
import { cached } from "../cache/cached";
import type { Db } from "../db";

export const listTagsQuery = z.object({
  sort: z.enum(["popular", "trending", "name"]).default("popular"),
  q: z.string().trim().toLowerCase().max(35).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(36),
});

export type TagItem = { name: string; questionCount: number };
export type ListTagsOptions = { db: Db; redis?: Redis } & Partial<z.infer<typeof listTagsQuery>>;

/**
 * Tags by popularity, by recent use ("trending": most questions in the last 7 days) or by name.
 * With `q`: prefix matches first, then typo-tolerant trigram matches ("javscript" → javascript).
 * Unfiltered popular/trending lists are cached in Redis for a minute (invalidated on writes).
 */
export async function listTags(options: ListTagsOptions): Promise<{ items: TagItem[] }> {
  const sort = options.sort ?? "popular";
  const limit = options.limit ?? 36;
  const { db, redis, q } = options;
  if (q) return { items: await suggestTags(db, q, limit) };
  if (sort === "name") {
    return { items: await db.tag.findMany({ where: { questionCount: { gt: 0 } }, orderBy: { name: "asc" }, take: limit, select: { name: true, questionCount: true } }) };
  }
  const load = () => (sort === "trending" ? trendingTags(db, 100) : popularTags(db, 100));
  const all = redis
    ? await cached({ redis, key: sort === "trending" ? CACHE_KEYS.trendingTags() : CACHE_KEYS.popularTags(), ttlSeconds: 60, load })
    : await load();
  return { items: all.slice(0, limit) };
}

function popularTags(db: Db, limit: number): Promise<TagItem[]> {
  return db.tag.findMany({ where: { questionCount: { gt: 0 } }, orderBy: [{ questionCount: "desc" }, { name: "asc" }], take: limit, select: { name: true, questionCount: true } });
}

function trendingTags(db: Db, limit: number): Promise<TagItem[]> {
  return db.$queryRaw<TagItem[]>`
    SELECT t."name", COUNT(*)::int AS "questionCount"
    FROM "question_tag" qt JOIN "tag" t ON t."id" = qt."tagId" JOIN "question" q ON q."id" = qt."questionId"
    WHERE qt."createdAt" > now() - interval '7 days' AND q."deletedAt" IS NULL
    GROUP BY t."name" ORDER BY 2 DESC, 1 ASC LIMIT ${limit}`;
}

function suggestTags(db: Db, q: string, limit: number): Promise<TagItem[]> {
  return db.$queryRaw<TagItem[]>`
    SELECT "name", "questionCount" FROM "tag"
    WHERE "name" LIKE ${`${q.replace(/[%_\\]/g, "\\$&")}%`} OR "name" % ${q}
    ORDER BY ("name" LIKE ${`${q.replace(/[%_\\]/g, "\\$&")}%`}) DESC, similarity("name", ${q}) DESC, "questionCount" DESC
    LIMIT ${limit}`;
}
