import Link from "next/link";

export function TagChip({ name, count }: { name: string; count?: number }) {
  return (
    <Link href={`/tags/${encodeURIComponent(name)}`} className="rounded bg-blue-50 px-2 py-0.5 text-xs font-medium text-blue-800 hover:bg-blue-100">
      {name}
      {count !== undefined ? <span className="ml-1 text-slate-500">×{count}</span> : null}
    </Link>
  );
}
