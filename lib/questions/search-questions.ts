import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { cursorNumber, decodeCursor, encodeCursor } from "./cursor";
import type { QuestionPage, QuestionSort } from "./list-questions";
import { QUESTION_SUMMARY_SELECT, toQuestionSummary } from "./to-question-summary";

export type SearchSort = QuestionSort | "relevance";

export type SearchQuestionsOptions = {
  db: Db;
  /** websearch syntax: words, "quoted phrases", -excluded, or. */
  q: string;
  sort: SearchSort;
  tag?: string;
  cursor?: string | null;
  limit: number;
};

/**
 * Postgres full-text search over the generated `searchVector` (title weight A, body B, GIN
 * index), combined with the tag and sort filters. Relevance is ts_rank, so a title match ranks
 * above a body match. Every order is keyset-paginated on (key, id) with the key as float8, which
 * round-trips exactly through the JSON cursor.
 */
export async function searchQuestions(options: SearchQuestionsOptions): Promise<QuestionPage> {
  const { db, q, tag, sort, limit } = options;
  const cursor = decodeCursor(options.cursor, `search:${sort}`);
  const tagFilter = tag
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "question_tag" qt JOIN "tag" t ON t."id" = qt."tagId"
                 WHERE qt."questionId" = q."id" AND t."name" = ${tag})`
    : Prisma.empty;
  const unanswered = sort === "unanswered" ? Prisma.sql`AND q."answerCount" = 0` : Prisma.empty;
  const orderKey = searchOrderKey(sort);
  const after = cursor ? Prisma.sql`AND (${orderKey}, q."id") < (${cursorNumber(cursor)}::float8, ${cursor.id}::int)` : Prisma.empty;
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
  const nextCursor = hits.length > limit && last ? encodeCursor({ s: `search:${sort}`, k: Number(last.key), id: last.id }) : null;
  return { items, nextCursor };
}

function searchOrderKey(sort: SearchSort): Prisma.Sql {
  switch (sort) {
    case "votes":
      return Prisma.sql`q."voteScore"::float8`;
    case "active":
      return Prisma.sql`extract(epoch from q."lastActivityAt")::float8`;
    case "newest":
    case "unanswered":
      return Prisma.sql`extract(epoch from q."createdAt")::float8`;
    case "relevance":
      return Prisma.sql`ts_rank(q."searchVector", query)::float8`;
  }
}
