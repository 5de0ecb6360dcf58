import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { listQuestions, QUESTION_SORTS } from "@/lib/questions/list-questions";
import { type SearchSort, searchQuestions } from "@/lib/questions/search-questions";
import { Pager } from "../components/pager";
import { QuestionList } from "../components/question-list";
import { SortSelect } from "../components/sort-select";
import { listParams } from "../list-params";

export const metadata: Metadata = { title: "Search" };
export const dynamic = "force-dynamic";

const SEARCH_SORT_LABELS: Record<SearchSort, string> = { relevance: "Relevance", newest: "Newest", votes: "Most votes", active: "Recently active", unanswered: "Unanswered" };
const PAGE_SIZE = 20;

/** Full-text search (Postgres websearch syntax) with optional tag filter; relevance first by default. */
export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const params = listParams(raw);
  const sort: SearchSort = raw.sort === "relevance" || (QUESTION_SORTS as readonly unknown[]).includes(raw.sort) ? (raw.sort as SearchSort) : "relevance";
  const pageParams = { q: params.q, tag: params.tag, sort: sort === "relevance" ? undefined : sort, cursor: params.cursor };
  const page = await load(pageParams.q, pageParams.tag, sort, pageParams.cursor).catch((error: unknown) => {
    // A cursor that doesn't fit this search (edited URL, other sort): start over.
    if (error instanceof AppError && error.code === "VALIDATION_FAILED" && pageParams.cursor) return load(pageParams.q, pageParams.tag, sort, undefined);
    throw error;
  });
  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">Search</h1>
      <form action="/search" className="mb-4 flex flex-wrap gap-2" role="search">
        <input name="q" type="search" defaultValue={params.q ?? ""} aria-label="Search terms" placeholder='Words, "a phrase", -excluded' className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2" />
        <input name="tag" defaultValue={params.tag ?? ""} aria-label="Tag" placeholder="tag (optional)" className="w-40 rounded-md border border-slate-300 bg-white px-3 py-2" />
        {pageParams.sort ? <input type="hidden" name="sort" value={pageParams.sort} /> : null}
        <button type="submit" className="rounded-md bg-blue-600 px-4 py-2 font-medium text-white hover:bg-blue-700">Search</button>
      </form>
      {page ? (
        <>
          <div className="mb-3 flex items-center justify-between gap-4">
            <p className="text-sm text-slate-600">
              {params.q ? <>Results for <strong className="text-slate-900">{params.q}</strong></> : "All questions"}
              {params.tag ? <> tagged <strong className="text-slate-900">[{params.tag}]</strong></> : null}
            </p>
            <SortSelect value={sort} options={params.q ? SEARCH_SORT_LABELS : withoutRelevance()} basePath="/search" query={pageParams} />
          </div>
          <QuestionList items={page.items} empty={params.q ? `Nothing matches “${params.q}”. Try fewer or different words.` : "No questions with this tag yet."} />
          <Pager basePath="/search" params={pageParams} nextCursor={page.nextCursor} />
        </>
      ) : (
        <p className="text-slate-500">Type words to search question titles and bodies. Use quotes for a phrase and a minus sign to exclude a word.</p>
      )}
    </section>
  );
}

function load(q: string | undefined, tag: string | undefined, sort: SearchSort, cursor: string | undefined) {
  if (q) return searchQuestions({ db: getDb(), q, tag, sort, cursor, limit: PAGE_SIZE });
  // A tag alone is a filtered list, not a text search.
  if (tag) return listQuestions({ db: getDb(), tag, sort: sort === "relevance" ? "newest" : sort, cursor, limit: PAGE_SIZE });
  return Promise.resolve(null);
}

function withoutRelevance(): Record<string, string> {
  const { relevance: _relevance, ...rest } = SEARCH_SORT_LABELS;
  return rest;
}
