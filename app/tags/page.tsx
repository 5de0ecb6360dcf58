import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { getRedis } from "@/lib/redis";
import { listTags } from "@/lib/tags/list-tags";
import { plural } from "../components/plural";
import { TagChip } from "../components/tag-chip";

export const metadata: Metadata = { title: "Tags" };
export const dynamic = "force-dynamic";

const SORTS = ["popular", "trending", "name"] as const;

export default async function TagsPage({ searchParams }: { searchParams: Promise<{ sort?: string; q?: string }> }) {
  const { sort: rawSort, q } = await searchParams;
  const sort = SORTS.find((s) => s === rawSort) ?? "popular";
  const tags = await listTags({ db: getDb(), redis: getRedis(), sort, q: q?.trim().toLowerCase().slice(0, 35) || undefined, limit: 100 });
  return (
    <section>
      <h1 className="text-2xl font-semibold">Tags</h1>
      <div className="my-4 flex flex-wrap items-center gap-3 text-sm">
        {SORTS.map((s) => (
          <Link key={s} href={`/tags?sort=${s}`} aria-current={s === sort ? "page" : undefined} className={s === sort ? "font-semibold text-slate-900" : "text-blue-700"}>
            {s[0].toUpperCase() + s.slice(1)}
          </Link>
        ))}
        <form action="/tags" className="ml-auto">
          <input name="q" defaultValue={q ?? ""} aria-label="Find a tag" placeholder="Find a tag…" className="rounded-md border border-slate-300 px-3 py-1.5" />
        </form>
      </div>
      {tags.items.length === 0 ? <p className="text-slate-500">No tags found.</p> : null}
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 md:grid-cols-4">
        {tags.items.map((tag) => (
          <li key={tag.name} className="rounded-lg border border-slate-200 bg-white p-3">
            <TagChip name={tag.name} />
            <p className="mt-1 text-xs text-slate-500">{plural(tag.questionCount, "question")}{sort === "trending" ? " this week" : ""}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
