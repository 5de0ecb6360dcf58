import path from "node:path";
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  // Lets parallel builds (tests, benchmarks) use their own output folder.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  outputFileTracingRoot: path.resolve(import.meta.dirname),
  poweredByHeader: false,
  // Type checking is its own step (`npm run typecheck`, run in CI); the build only compiles.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  // Server-only packages with native or dynamic requires stay external to the bundle.
  serverExternalPackages: ["pino", "pino-pretty", "ioredis", "bullmq", "pg", "@prisma/adapter-pg", "sanitize-html"],
};

export default nextConfig;
