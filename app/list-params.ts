import { listQuestionsQuery, QUESTION_SORTS } from "@/lib/questions/list-questions";

type SearchParams = Record<string, string | string[] | undefined>;

/** Page query strings are user input: keep the valid parts, ignore the rest. */
export function listParams(searchParams: SearchParams, fixed: { tag?: string } = {}): Record<string, string | undefined> {
  const pick = (key: string) => (typeof searchParams[key] === "string" ? (searchParams[key] as string) : undefined);
  const sort = pick("sort");
  const candidate = {
    sort: sort && (QUESTION_SORTS as readonly string[]).includes(sort) ? sort : undefined,
    tag: fixed.tag ?? pick("tag"),
    q: pick("q")?.slice(0, 200) || undefined,
    cursor: pick("cursor"),
  };
  return listQuestionsQuery.safeParse(candidate).success ? candidate : { ...candidate, cursor: undefined };
}
