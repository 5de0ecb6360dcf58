import type { Redis } from "ioredis";
import { z } from "zod";
import { cached } from "../cache/cached";
import { CACHE_KEYS } from "../cache/cache-keys";
import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { type Cursor, cursorDate, cursorNumber, decodeCursor, encodeCursor } from "./cursor";
import { searchQuestions } from "./search-questions";
import { QUESTION_SUMMARY_SELECT, toQuestionSummary } from "./to-question-summary";
import type { QuestionSummary } from "./types";

export const QUESTION_SORTS = ["newest", "votes", "active", "unanswered"] as const;
export type QuestionSort = (typeof QUESTION_SORTS)[number];

export const listQuestionsQuery = z.object({
  /** Default: relevance when `q` is given, else newest. */
  sort: z.enum(QUESTION_SORTS, { error: `sort must be one of ${QUESTION_SORTS.join(", ")}` }).optional(),
  tag: z.string().trim().toLowerCase().max(35, "tag must be at most 35 characters").optional(),
  q: z.string().trim().max(200, "q must be at most 200 characters").optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number({ error: "limit must be a number from 1 to 50" }).int().min(1, "limit must be at least 1").max(50, "limit must be at most 50").default(20),
});

export type ListQuestionsOptions = {
  db: Db;
  /** When given, the unfiltered first page of `sort=votes` comes through the Redis cache. */
  redis?: Redis;
  sort?: QuestionSort;
  tag?: string;
  q?: string;
  cursor?: string | null;
  limit?: number;
  /** Reserved for per-reader fields; lists are the same for everyone today. */
  actorId?: string | null;
};
export type QuestionPage = { items: QuestionSummary[]; nextCursor: string | null };

type SortColumn = "createdAt" | "voteScore" | "lastActivityAt";
const MAX_LIMIT = 50;

/**
 * Question lists with keyset pagination on (sort key, id), never OFFSET: pages stay stable while
 * new questions arrive. Deleted questions never show. With `q`, rows come from Postgres
 * full-text search (lib/questions/search-questions.ts).
 */
export async function listQuestions(options: ListQuestionsOptions): Promise<QuestionPage> {
  const limit = Math.min(Math.max(options.limit ?? 20, 1), MAX_LIMIT);
  const tag = options.tag?.trim().toLowerCase() || undefined;
  const q = options.q?.trim() || undefined;
  if (q) return searchQuestions({ db: options.db, q, tag, sort: options.sort ?? "relevance", cursor: options.cursor, limit });

  const sort = options.sort ?? "newest";
  const cursor = decodeCursor(options.cursor, `questions:${sort}`);
  const load = (take: number) => loadPage({ db: options.db, sort, tag, cursor, take });
  // The home page's "top questions": the same first page for every reader, so cache it.
  const popular = sort === "votes" && !tag && !cursor && options.redis;
  const summaries = popular
    ? (await cached({ redis: options.redis!, key: CACHE_KEYS.popularQuestions(), ttlSeconds: 60, load: () => load(MAX_LIMIT + 1) })).map(reviveDates)
    : await load(limit + 1);

  const items = summaries.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: summaries.length > limit && last ? encodeCursor(cursorAfter(sort, last)) : null };
}

async function loadPage(options: { db: Db; sort: QuestionSort; tag?: string; cursor: Cursor | null; take: number }): Promise<QuestionSummary[]> {
  const { sort, tag, cursor } = options;
  const column = sortColumn(sort);
  const where: Prisma.QuestionWhereInput = { deletedAt: null };
  if (sort === "unanswered") where.answerCount = 0;
  if (tag) where.tags = { some: { tag: { name: tag } } };
  if (cursor) {
    const value = column === "voteScore" ? cursorNumber(cursor) : cursorDate(cursor);
    where.OR = [{ [column]: { lt: value } }, { [column]: value, id: { lt: cursor.id } }];
  }
  const rows = await options.db.question.findMany({
    where,
    orderBy: [{ [column]: "desc" }, { id: "desc" }],
    take: options.take,
    select: QUESTION_SUMMARY_SELECT,
  });
  return rows.map(toQuestionSummary);
}

function sortColumn(sort: QuestionSort): SortColumn {
  if (sort === "votes") return "voteScore";
  if (sort === "active") return "lastActivityAt";
  return "createdAt";
}

function cursorAfter(sort: QuestionSort, last: QuestionSummary): Cursor {
  const column = sortColumn(sort);
  const k = column === "voteScore" ? last.voteScore : last[column].toISOString();
  return { s: `questions:${sort}`, k, id: last.id };
}

/** Cached summaries come back from JSON with ISO strings where dates were. */
function reviveDates(summary: QuestionSummary): QuestionSummary {
  return { ...summary, createdAt: new Date(summary.createdAt), lastActivityAt: new Date(summary.lastActivityAt) };
}
