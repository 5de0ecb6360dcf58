import { loadQuestionList } from "../page-data";
import { Pager } from "./pager";
import { QuestionList } from "./question-list";
import { SortSelect } from "./sort-select";

/**
 * A tag's question list. Rendered by `/tags/[name]` for the default view (cached, ISR) and by its
 * dynamic twin for `?sort=…&cursor=…` (next.config.ts rewrites).
 */
export async function TagView({ tag, params }: { tag: string; params: Record<string, string | undefined> }) {
  const page = await loadQuestionList(params);
  const basePath = `/tags/${encodeURIComponent(tag)}`;
  const own = { ...params, tag: undefined };
  return (
    <section>
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Questions tagged [{tag}]</h1>
        <SortSelect value={params.sort ?? "newest"} basePath={basePath} query={own} />
      </div>
      <QuestionList items={page.items} empty="No questions with this tag yet." />
      <Pager basePath={basePath} params={own} nextCursor={page.nextCursor} />
    </section>
  );
}

/** The tag named by a route's `[name]` segment, as lists filter by it. */
export function tagFromSegment(segment: string): string {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
}
