import { z } from "zod";
import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { decodeCursor, encodeCursor } from "./cursor";
import { QUESTION_SUMMARY_SELECT, toQuestionSummary } from "./to-question-summary";
import type { QuestionSummary } from "./types";

export const QUESTION_SORTS = ["newest", "votes", "active", "unanswered"] as const;
export type QuestionSort = (typeof QUESTION_SORTS)[number];

export const listQuestionsQuery = z.object({
  sort: z.enum(QUESTION_SORTS).default("newest"),
  tag: z.string().trim().toLowerCase().max(35).optional(),
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export type ListQuestionsOptions = { db: Db } & Partial<z.infer<typeof listQuestionsQuery>>;
export type QuestionPage = { items: QuestionSummary[]; nextCursor: string | null };

/**
 * Question lists with keyset pagination (never OFFSET): the cursor holds the last row's sort key
 * and id, so pages stay stable while new questions arrive. With `q`, rows come from Postgres
 * full-text search (websearch syntax) ranked by ts_rank unless another sort is asked for.
 */
export async function listQuestions(options: ListQuestionsOptions): Promise<QuestionPage> {
  const sort = options.sort ?? "newest";
  const limit = options.limit ?? 20;
  const cursor = decodeCursor(options.cursor);
  if (options.q) return searchQuestions({ ...options, sort, limit, q: options.q, cursor });

  const key = sortKey(sort);
  const where: Prisma.QuestionWhereInput = { deletedAt: null };
  if (sort === "unanswered") where.answerCount = 0;
  if (options.tag) where.tags = { some: { tag: { name: options.tag } } };
  if (cursor) {
    const value = key === "voteScore" ? Number(cursor.k) : new Date(String(cursor.k));
    where.OR = [{ [key]: { lt: value } }, { [key]: value, id: { lt: cursor.id } }];
  }
  const rows = await options.db.question.findMany({
    where,
    orderBy: [{ [key]: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: QUESTION_SUMMARY_SELECT,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({ k: key === "voteScore" ? last.voteScore : last[key].toISOString(), id: last.id })
      : null;
  return { items: page.map(toQuestionSummary), nextCursor };
}

function sortKey(sort: QuestionSort): "createdAt" | "voteScore" | "lastActivityAt" {
  if (sort === "votes") return "voteScore";
  if (sort === "active") return "lastActivityAt";
  return "createdAt";
}

type SearchOptions = {
  db: Db;
  q: string;
  sort: QuestionSort;
  tag?: string;
  limit: number;
  cursor: { k: string | number; id: number } | null;
};

/** Full-text search; relevance order is keyset-paginated on (rank, id). */
async function searchQuestions(options: SearchOptions): Promise<QuestionPage> {
  const { db, q, tag, limit, cursor } = options;
  const tagFilter = tag
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "question_tag" qt JOIN "tag" t ON t."id" = qt."tagId"
                 WHERE qt."questionId" = q."id" AND t."name" = ${tag})`
    : Prisma.empty;
  const unanswered = options.sort === "unanswered" ? Prisma.sql`AND q."answerCount" = 0` : Prisma.empty;
  const orderKey =
    options.sort === "votes"
      ? Prisma.sql`q."voteScore"::float8`
      : options.sort === "active"
        ? Prisma.sql`extract(epoch from q."lastActivityAt")::float8`
        : options.sort === "unanswered"
          ? Prisma.sql`extract(epoch from q."createdAt")::float8`
          : Prisma.sql`ts_rank(q."searchVector", query)::float8`;
  const after = cursor ? Prisma.sql`AND (${orderKey}, q."id") < (${Number(cursor.k)}::float8, ${cursor.id})` : Prisma.empty;
  const hits = await db.$queryRaw<Array<{ id: number; key: number }>>`
    SELECT q."id", ${orderKey} AS "key"
    FROM "question" q, websearch_to_tsquery('english', ${q}) query
    WHERE q."searchVector" @@ query AND q."deletedAt" IS NULL ${tagFilter} ${unanswered} ${after}
    ORDER BY 2 DESC, q."id" DESC
    LIMIT ${limit + 1}`;
  const page = hits.slice(0, limit);
  const rows = await db.question.findMany({ where: { id: { in: page.map((h) => h.id) } }, select: QUESTION_SUMMARY_SELECT });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = page.flatMap((hit) => {
    const row = byId.get(hit.id);
    return row ? [toQuestionSummary(row)] : [];
  });
  const last = page.at(-1);
  return { items, nextCursor: hits.length > limit && last ? encodeCursor({ k: last.key, id: last.id }) : null };
}
