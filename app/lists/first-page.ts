import { notFound } from "next/navigation";
import { QUESTION_SORTS, type QuestionSort } from "@/lib/questions/list-questions";

/**
 * The cached first pages of the home and tag lists (one ISR page per sort, rendered on first
 * visit, revalidated by writes through their data tags). Readers reach them through rewrites of
 * `/` and `/tags/<name>` without a cursor or filter (next.config.ts); the query-string routes
 * stay the general, per-request renderers.
 */
/** The `[sort]` segment as list params: "newest" is the default, so its links carry no sort. */
export function firstPageSort(segment: string): QuestionSort | undefined {
  if (!(QUESTION_SORTS as readonly string[]).includes(segment)) notFound();
  return segment === "newest" ? undefined : (segment as QuestionSort);
}
