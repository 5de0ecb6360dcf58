import Link from "next/link";
import type { QuestionSummary } from "@/lib/questions/types";
import { plural } from "./plural";
import { TagChip } from "./tag-chip";

export function QuestionList({ items, empty = "No questions yet." }: { items: QuestionSummary[]; empty?: string }) {
  if (items.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-500">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="question-list">
      {items.map((q) => (
        <li key={q.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:gap-4">
          <div className="flex shrink-0 gap-3 whitespace-nowrap text-sm text-slate-600 sm:w-24 sm:flex-col sm:items-end sm:gap-1">
            <span>{plural(q.voteScore, "vote")}</span>
            <span
              className={q.acceptedAnswerId ? "rounded bg-green-600 px-1.5 text-white" : q.answerCount > 0 ? "rounded border border-green-600 px-1.5 text-green-700" : ""}
              title={q.acceptedAnswerId ? "Has an accepted answer" : undefined}
            >
              {q.acceptedAnswerId ? "✓ " : ""}
              {plural(q.answerCount, "answer")}
            </span>
          </div>
          <div className="min-w-0 flex-1">
            <Link href={`/questions/${q.id}/${slugify(q.title)}`} className="font-medium text-blue-800 hover:text-blue-600">
              {q.title}
            </Link>
            <p className="mt-1 line-clamp-2 text-sm text-slate-600">{q.excerpt}</p>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              {q.tags.map((tag) => <TagChip key={tag} name={tag} />)}
              <span className="ml-auto text-xs text-slate-500">
                <Link href={`/users/${encodeURIComponent(q.author.username)}`} className="text-blue-700">{q.author.username}</Link>{" "}
                <span className="font-semibold" title="reputation">{q.author.reputation.toLocaleString("en-US")}</span> · asked{" "}
                <time dateTime={new Date(q.createdAt).toISOString()}>{new Date(q.createdAt).toISOString().slice(0, 10)}</time>
              </span>
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function slugify(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80);
}
