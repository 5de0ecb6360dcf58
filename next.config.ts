import path from "node:path";
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  outputFileTracingRoot: path.resolve(import.meta.dirname),
  poweredByHeader: false,
  typedRoutes: false,
  // Server-only packages with native or dynamic requires stay external to the bundle.
  serverExternalPackages: ["pino", "pino-pretty", "ioredis", "bullmq", "pg", "@prisma/adapter-pg", "sanitize-html"],
};

export default nextConfig;
