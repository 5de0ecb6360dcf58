import { Suspense } from "react";
import { Pager } from "./components/pager";
import { QuestionList } from "./components/question-list";
import { SortSelect } from "./components/sort-select";
import { TagChip } from "./components/tag-chip";
import { listParams } from "./list-params";
import { cachedTags, loadQuestionList } from "./page-data";
import { getSiteName } from "./site";

export const dynamic = "force-dynamic";

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = listParams(await searchParams);
  const [page, tags, siteName] = await Promise.all([
    loadQuestionList(params),
    cachedTags("popular", 12),
    getSiteName(),
  ]);
  return (
    <div className="grid gap-6 md:grid-cols-[1fr_220px]">
      <section>
        <div className="mb-4 flex items-center justify-between gap-4">
          <h1 className="text-2xl font-semibold">{params.tag ? `Questions tagged [${params.tag}]` : "All questions"}</h1>
          <Suspense>
            <SortSelect value={params.sort ?? "newest"} />
          </Suspense>
        </div>
        <QuestionList items={page.items} />
        <Pager basePath="/" params={params} nextCursor={page.nextCursor} />
      </section>
      <aside className="space-y-2">
        <h2 className="text-sm font-semibold text-slate-700">Popular tags</h2>
        <div className="flex flex-wrap gap-2">
          {tags.items.map((tag) => <TagChip key={tag.name} name={tag.name} count={tag.questionCount} />)}
        </div>
        <p className="pt-4 text-xs text-slate-500">{siteName} — questions and answers from the community.</p>
      </aside>
    </div>
  );
}
