import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", ".next/**", ".next-*/**", "dist/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Each file owns its own database (test/helpers), so files run in parallel safely.
    fileParallelism: true,
    maxWorkers: 2,
    env: { NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn" },
  },
});
