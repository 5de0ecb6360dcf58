import path from "node:path";
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  // Lets parallel builds (tests, benchmarks) use their own output folder.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  outputFileTracingRoot: path.resolve(import.meta.dirname),
  poweredByHeader: false,
  // Next hashes the whole HTML in JavaScript on every response to make a page ETag: for a cached
  // 50 KB question page that was ~40% of the server's CPU (bench/, docs/performance.md).
  generateEtags: false,
  // Question pages render on first visit (ISR): keep those pages and the data cache in Next's
  // bounded in-memory LRU (cacheMaxMemorySize, 50 MB) rather than writing a file per visited page
  // into the installed package's folder (unbounded on a 100k-question site; fails read-only).
  experimental: { isrFlushToDisk: false },
  // Type checking is its own step (`npm run typecheck`, run in CI); the build only compiles.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  // Server-only packages with native or dynamic requires stay external to the bundle.
  // The first page of the home and tag lists by sort is cached (ISR) under /lists (app/lists/):
  // `/`, `/?sort=votes`, `/tags/x` are rewritten there; with a cursor or filter the public
  // routes render per request. Readers keep the public URLs.
  async rewrites() {
    const sort = { type: "query" as const, key: "sort", value: "(?<sort>newest|votes|active|unanswered)" };
    const without = (...keys: string[]) => keys.map((key) => ({ type: "query" as const, key }));
    return {
      beforeFiles: [
        { source: "/", missing: without("sort", "cursor", "tag", "q"), destination: "/lists/newest" },
        { source: "/", has: [sort], missing: without("cursor", "tag", "q"), destination: "/lists/:sort" },
        { source: "/tags/:name", missing: without("sort", "cursor"), destination: "/lists/tags/:name/newest" },
        { source: "/tags/:name", has: [sort], missing: without("cursor"), destination: "/lists/tags/:name/:sort" },
      ],
      afterFiles: [],
      fallback: [],
    };
  },
  serverExternalPackages: ["pino", "pino-pretty", "ioredis", "bullmq", "pg", "@prisma/adapter-pg", "sanitize-html"],
};

export default nextConfig;
