import { execa, type ResultPromise } from "execa";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type TestWorker = { stop(): Promise<void> };

/** Runs the real worker process (from source) with the given environment. */
export async function startTestWorker(options: { env: Record<string, string> }): Promise<TestWorker> {
  const child: ResultPromise = execa("node", ["--import", "tsx", path.join(ROOT, "worker/index.ts")], {
    cwd: ROOT,
    env: { ...options.env, LOG_LEVEL: "warn" },
    reject: false,
    stdio: ["ignore", "ignore", "pipe"],
  });
  // Give it a moment to connect; jobs enqueued before it is ready simply wait in Redis.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return {
    async stop() {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await child;
      clearTimeout(timer);
    },
  };
}
