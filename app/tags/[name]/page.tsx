import { Suspense } from "react";
import { Pager } from "../../components/pager";
import { QuestionList } from "../../components/question-list";
import { SortSelect } from "../../components/sort-select";
import { listParams } from "../../list-params";
import { loadQuestionList } from "../../page-data";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: `[${decodeURIComponent((await params).name)}]` };
}

export default async function TagPage({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const tag = decodeURIComponent((await params).name).toLowerCase();
  const query = listParams(await searchParams, { tag });
  const page = await loadQuestionList(query);
  return (
    <section>
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Questions tagged [{tag}]</h1>
        <Suspense>
          <SortSelect value={query.sort ?? "newest"} />
        </Suspense>
      </div>
      <QuestionList items={page.items} empty="No questions with this tag yet." />
      <Pager basePath={`/tags/${encodeURIComponent(tag)}`} params={{ ...query, tag: undefined }} nextCursor={page.nextCursor} />
    </section>
  );
}
