import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { listQuestions } from "@/lib/questions/list-questions";
import { Pager } from "../components/pager";
import { QuestionList } from "../components/question-list";
import { listParams } from "../list-params";

export const metadata: Metadata = { title: "Search" };
export const dynamic = "force-dynamic";

export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = listParams(await searchParams);
  const page = params.q ? await listQuestions({ db: getDb(), ...params, sort: params.sort as never, limit: 20 }) : { items: [], nextCursor: null };
  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">Search</h1>
      <form action="/search" className="mb-4 flex gap-2" role="search">
        <input name="q" defaultValue={params.q ?? ""} aria-label="Search terms" placeholder="Search questions" className="flex-1 rounded-md border border-slate-300 px-3 py-2" />
        <input name="tag" defaultValue={params.tag ?? ""} aria-label="Tag" placeholder="tag (optional)" className="w-40 rounded-md border border-slate-300 px-3 py-2" />
        <button className="rounded-md bg-blue-600 px-4 py-2 text-white">Search</button>
      </form>
      {params.q ? <QuestionList items={page.items} empty={`Nothing matches “${params.q}”.`} /> : <p className="text-slate-500">Type words to search titles and bodies.</p>}
      <Pager basePath="/search" params={params} nextCursor={page.nextCursor} />
    </section>
  );
}
