import { unstable_cache } from "next/cache";
import { getDb } from "@/lib/db";
import { listQuestions, listQuestionsQuery } from "@/lib/questions/list-questions";
import { listTags } from "@/lib/tags/list-tags";
import { getRedis } from "@/lib/redis";
import { AppError } from "@/lib/errors/app-error";

/**
 * Public (anonymous) page data through Next's data cache, tagged so writes revalidate it
 * (app/api/_lib/write-guards.ts). Personal bits load on the client.
 */
export const cachedQuestionList = unstable_cache(
  async (params: Record<string, string | undefined>) => {
    const query = listQuestionsQuery.parse(params);
    return listQuestions({ db: getDb(), ...query });
  },
  ["question-list"],
  { tags: ["questions"], revalidate: 30 },
);

export const cachedTags = unstable_cache(
  async (sort: "popular" | "trending" | "name", limit: number) => listTags({ db: getDb(), redis: getRedis(), sort, limit }),
  ["tag-list"],
  { tags: ["tags", "questions"], revalidate: 60 },
);

/**
 * A page's question list; a cursor that doesn't decode (edited URL, list changed sort) falls
 * back to the first page instead of an error page.
 */
export async function loadQuestionList(params: Record<string, string | undefined>): ReturnType<typeof cachedQuestionList> {
  try {
    return await cachedQuestionList(params);
  } catch (error) {
    if (error instanceof AppError && error.code === "VALIDATION_FAILED" && params.cursor) return cachedQuestionList({ ...params, cursor: undefined });
    throw error;
  }
}
