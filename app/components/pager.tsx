import Link from "next/link";

/** Cursor pagination as plain links (works without JS). */
export function Pager({ basePath, params, nextCursor }: { basePath: string; params: Record<string, string | undefined>; nextCursor: string | null }) {
  const query = (extra: Record<string, string>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...params, ...extra })) if (value) search.set(key, value);
    return `${basePath}?${search.toString()}`;
  };
  const { cursor, ...first } = params;
  return (
    <nav className="mt-4 flex justify-between text-sm" aria-label="Pagination">
      {cursor ? <Link href={query({ ...first, cursor: "" } as Record<string, string>)} className="text-blue-700">« First page</Link> : <span />}
      {nextCursor ? <Link href={query({ cursor: nextCursor })} className="text-blue-700" data-testid="next-page">Next page »</Link> : null}
    </nav>
  );
}
