import { unstable_cache } from "next/cache";
import { getDb } from "@/lib/db";
import { listQuestions, listQuestionsQuery } from "@/lib/questions/list-questions";
import { listTags } from "@/lib/tags/list-tags";
import { getRedis } from "@/lib/redis";

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
