import Link from "next/link";
import { UserMenu } from "./user-menu";

/**
 * The header is the same for everyone; the signed-in part (user menu, bell) hydrates on the
 * client. That keeps anonymous pages fully cacheable.
 */
export function Header({ siteName }: { siteName: string }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3" aria-label="Main">
        <Link href="/" className="whitespace-nowrap text-lg font-semibold text-slate-900">
          {siteName}
        </Link>
        <Link href="/" className="text-sm text-slate-600 hover:text-slate-900">Questions</Link>
        <Link href="/tags" className="text-sm text-slate-600 hover:text-slate-900">Tags</Link>
        <form action="/search" className="ml-2 hidden flex-1 sm:block" role="search">
          <input
            name="q"
            type="search"
            placeholder="Search…"
            aria-label="Search questions"
            className="w-full max-w-sm rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
        </form>
        <div className="ml-auto flex items-center gap-3">
          <Link href="/ask" className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700">
            Ask
          </Link>
          <UserMenu />
        </div>
      </nav>
    </header>
  );
}
