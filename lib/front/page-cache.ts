/**
 * A small in-process cache of Next's cached pages (ISR: question pages, the lists' first pages),
 * answered by the web server's preload before Next (page-cache-interceptor.ts). Next already
 * serves these from its own cache, but its request pipeline costs ~0.5 ms a page; from here it is
 * a Map lookup. Entries are the exact responses Next sent, kept for ENTRY_TTL_MS at most and
 * dropped at once by the same writes that revalidate Next's tags (invalidatePages, called next to
 * every revalidateTag in app/). Writes made by other processes (the CLI) reach Next's cache
 * through its own revalidate window; they reach this one within ENTRY_TTL_MS of that.
 *
 * It lives on globalThis: Next's bundle invalidates it, the preload (another module graph) reads it.
 */
export const ENTRY_TTL_MS = 10_000;
const MAX_BYTES = 32 * 1024 * 1024;
const KEY = Symbol.for("community-engine.page-cache");

export type CachedPage = {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** gzip of body, made on the first request that accepts it. */
  gzip?: Buffer;
  storedAt: number;
};

type Store = { pages: Map<string, CachedPage>; bytes: number; generation: number };

function store(): Store {
  const holder = globalThis as unknown as Record<symbol, Store | undefined>;
  return (holder[KEY] ??= { pages: new Map(), bytes: 0, generation: 0 });
}

const size = (page: CachedPage) => page.body.length + (page.gzip?.length ?? 0);

export function getPage(url: string, now = Date.now()): CachedPage | null {
  const { pages } = store();
  const page = pages.get(url);
  if (!page) return null;
  if (now - page.storedAt >= ENTRY_TTL_MS) {
    dropPage(url);
    return null;
  }
  return page;
}

/**
 * A generation number to read before asking Next for a page and pass to putPage: a response that
 * was being rendered while a write invalidated the cache is not stored (it may predate the write).
 */
export function pageCacheGeneration(): number {
  return store().generation;
}

export function putPage(url: string, page: Omit<CachedPage, "storedAt">, generation: number, now = Date.now()): boolean {
  const s = store();
  if (generation !== s.generation || page.body.length > MAX_BYTES / 16) return false;
  dropPage(url);
  const entry: CachedPage = { ...page, storedAt: now };
  s.pages.set(url, entry);
  s.bytes += size(entry);
  // Map order is insertion order: evict the oldest until under budget.
  for (const oldest of s.pages.keys()) {
    if (s.bytes <= MAX_BYTES) break;
    dropPage(oldest);
  }
  return true;
}

/** Records the gzip of a cached page (counted against the budget). */
export function setPageGzip(url: string, page: CachedPage, gzip: Buffer): void {
  const s = store();
  if (s.pages.get(url) !== page || page.gzip) return;
  page.gzip = gzip;
  s.bytes += gzip.length;
}

function dropPage(url: string): void {
  const s = store();
  const page = s.pages.get(url);
  if (!page) return;
  s.pages.delete(url);
  s.bytes -= size(page);
}

/**
 * Drops cached pages after a write: one question's pages (`/questions/<id>…`), or everything
 * (lists, site settings, anything that shows on many pages). Bumps the generation either way.
 */
export function invalidatePages(scope: { questionId: number } | "all"): void {
  const s = store();
  s.generation++;
  if (scope === "all") {
    s.pages.clear();
    s.bytes = 0;
    return;
  }
  const prefix = `/questions/${scope.questionId}`;
  for (const url of [...s.pages.keys()]) {
    if (url === prefix || url.startsWith(`${prefix}/`)) dropPage(url);
  }
}
