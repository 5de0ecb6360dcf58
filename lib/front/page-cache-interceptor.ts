import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import type { Interceptor } from "../supervisor/intercept-next-server";
import { type CachedPage, getPage, pageCacheGeneration, putPage, setPageGzip } from "./page-cache";

/** Headers that make Next answer with something other than the page's HTML (RSC payloads, actions). */
const VARIANT_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url"];
/**
 * URLs of the pages Next caches (ISR): `/` and `/tags/<name>` (first page by sort), question pages.
 * Only these are captured: a captured request goes to Next without Accept-Encoding, and other
 * pages (dynamic, never kept) should stay compressed.
 */
const CACHEABLE_URL = /^\/(?:questions\/\d+(?:\/(?!edit$)[^/?]*)?|tags\/[^/?]+)?(?:\?sort=[a-z]+)?$/;
/** Per-response headers that are not replayed from the cache. */
const HOP_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"]);

/**
 * Serves Next's cacheable pages from the page cache (page-cache.ts) and fills it from Next's own
 * responses, for the ISR pages' URLs (CACHEABLE_URL). Kept is only what Next itself served from
 * its full route cache: a 200 with
 * `x-nextjs-cache: HIT` or `MISS` (a fresh render), no Set-Cookie. `STALE` answers (Next
 * serving an old copy while it re-renders after a vote) are passed on but not kept.
 */
export function createPageCacheInterceptor(): Interceptor {
  return {
    matches(req) {
      if (req.method !== "GET" || !req.url || !CACHEABLE_URL.test(req.url)) return false;
      return !VARIANT_HEADERS.some((name) => req.headers[name] !== undefined);
    },
    async handle(req, res) {
      const url = req.url as string;
      const page = getPage(url);
      if (page) {
        serve(req, res, url, page);
        return true;
      }
      capture(req, res, url);
      return false;
    },
  };
}

function serve(req: IncomingMessage, res: ServerResponse, url: string, page: CachedPage): void {
  let body = page.body;
  // Age (RFC 9111): how long ago Next produced this copy; also how a cached answer is told apart.
  const age = Math.floor((Date.now() - page.storedAt) / 1000);
  const headers: OutgoingHttpHeaders = { ...page.headers, "x-nextjs-cache": "HIT", age: String(age) };
  if (/\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
    if (!page.gzip) setPageGzip(url, page, gzipSync(page.body));
    if (page.gzip) {
      body = page.gzip;
      headers["content-encoding"] = "gzip";
    }
  }
  headers["content-length"] = body.length;
  res.writeHead(page.status, headers).end(body);
}

/**
 * Lets Next answer, keeping a copy of what it sends. The request goes to Next without
 * Accept-Encoding, so the copy is the plain body (this one response goes out uncompressed).
 */
function capture(req: IncomingMessage, res: ServerResponse, url: string): void {
  const generation = pageCacheGeneration();
  delete req.headers["accept-encoding"];
  const chunks: Buffer[] = [];
  const toBuffer = (chunk: unknown, encoding: unknown) =>
    typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
  const write = res.write;
  const end = res.end;
  const writeHead = res.writeHead;
  // Headers given to writeHead never show in getHeaders(): keep them too.
  const headed: Record<string, string | string[]> = {};
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const given = args.find((arg, index) => index > 0 && typeof arg === "object" && arg !== null);
    if (Array.isArray(given)) {
      for (let i = 0; i + 1 < given.length; i += 2) headed[String(given[i]).toLowerCase()] = String(given[i + 1]);
    } else if (given) {
      for (const [name, value] of Object.entries(given)) if (value !== undefined) headed[name.toLowerCase()] = Array.isArray(value) ? value.map(String) : String(value);
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.writeHead;
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    if (chunk != null && typeof chunk !== "function") chunks.push(toBuffer(chunk, rest[0]));
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    if (chunk != null && typeof chunk !== "function") chunks.push(toBuffer(chunk, rest[0]));
    const result = (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    keep(res, { ...flatten(res.getHeaders()), ...headed }, url, Buffer.concat(chunks), generation);
    return result;
  } as typeof res.end;
}

function flatten(headers: OutgoingHttpHeaders): Record<string, string | string[]> {
  const flat: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value : String(value);
  return flat;
}

function keep(res: ServerResponse, sent: Record<string, string | string[]>, url: string, body: Buffer, generation: number): void {
  const nextCache = sent["x-nextjs-cache"];
  if (res.statusCode !== 200 || (nextCache !== "HIT" && nextCache !== "MISS")) return;
  if (sent["set-cookie"] !== undefined || sent["content-encoding"] !== undefined) return;
  const headers = Object.fromEntries(Object.entries(sent).filter(([name]) => !HOP_HEADERS.has(name)));
  putPage(url, { status: 200, headers, body }, generation);
}
