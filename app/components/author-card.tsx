import Link from "next/link";

type Author = { username: string; name: string; reputation: number };

/**
 * "asked/answered <date> by <user> <reputation>", the Stack Overflow-style signature card.
 * Plain markup (no hooks) so both server pages and the client answer list can render it.
 */
export function AuthorCard({ verb, at, author, highlight = false }: { verb: "asked" | "answered"; at: Date | string; author: Author; highlight?: boolean }) {
  const date = new Date(at);
  return (
    <div className={`w-48 rounded-md p-2 text-xs ${highlight ? "bg-blue-50" : "bg-slate-50"}`} data-testid="author-card">
      <p className="text-slate-500">
        {verb} <time dateTime={date.toISOString()}>{date.toISOString().slice(0, 10)}</time>
      </p>
      <div className="mt-1 flex items-center gap-2">
        <span aria-hidden className="flex h-7 w-7 items-center justify-center rounded bg-blue-600 text-sm font-semibold uppercase text-white">
          {author.username.slice(0, 1)}
        </span>
        <div className="min-w-0">
          <Link href={`/users/${encodeURIComponent(author.username)}`} className="block truncate font-medium text-blue-700 hover:text-blue-600">
            {author.username}
          </Link>
          <span className="font-semibold text-slate-600" title="reputation">{author.reputation.toLocaleString("en-US")}</span>
          <span className="sr-only"> reputation</span>
        </div>
      </div>
    </div>
  );
}
