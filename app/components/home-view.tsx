import { loadQuestionList, cachedTags } from "../page-data";
import { getSiteName } from "../site";
import { Pager } from "./pager";
import { QuestionList } from "./question-list";
import { SortSelect } from "./sort-select";
import { TagChip } from "./tag-chip";

/**
 * The home list: questions (sorted, filtered, paged by `params`) and popular tags. Rendered by
 * `/` for the default view (cached, ISR) and by its dynamic twin for `/?sort=…&cursor=…`
 * (next.config.ts rewrites), so both stay one page.
 */
export async function HomeView({ params }: { params: Record<string, string | undefined> }) {
  const [page, tags, siteName] = await Promise.all([loadQuestionList(params), cachedTags("popular", 12), getSiteName()]);
  return (
    <div className="grid gap-6 md:grid-cols-[1fr_220px]">
      <section>
        <div className="mb-4 flex items-center justify-between gap-4">
          <h1 className="text-2xl font-semibold">{params.tag ? `Questions tagged [${params.tag}]` : "All questions"}</h1>
          <SortSelect value={params.sort ?? "newest"} basePath="/" query={params} />
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
