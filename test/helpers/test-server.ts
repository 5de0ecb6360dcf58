import { execa, type ResultPromise } from "execa";
import { createServer } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { existsSync } from "node:fs";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const TEST_AUTH_SECRET = "test-secret-test-secret-test-secret-0123456789";

export type TestServer = {
  url: string;
  port: number;
  env: Record<string, string>;
  stop(): Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * Starts the built Next standalone server (run `npm run build` first; NEXT_DIST_DIR picks
 * another build folder) against the given database, and waits until /api/health answers.
 */
export async function startTestServer(options: {
  databaseUrl: string;
  redisPrefix: string;
  env?: Record<string, string>;
}): Promise<TestServer> {
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  const serverJs = path.join(ROOT, distDir, "standalone", "server.js");
  // Started as `start` starts it: with the web server preload (the bell's fast path).
  const preload = path.join(ROOT, "dist", "web-server-preload.js");
  for (const file of [serverJs, preload]) if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
    REDIS_PREFIX: options.redisPrefix,
    BETTER_AUTH_SECRET: TEST_AUTH_SECRET,
    SITE_URL: url,
    LOG_LEVEL: "warn",
    RATE_LIMITS_DISABLED: "1",
    ...options.env,
  };
  const child: ResultPromise = execa("node", ["--import", pathToFileURL(preload).href, serverJs], {
    cwd: path.dirname(serverJs),
    env,
    extendEnv: true,
    reject: false,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`test server did not become healthy:\n${output.slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return {
    url,
    port,
    env,
    async stop() {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await child;
      clearTimeout(timer);
    },
  };
}
