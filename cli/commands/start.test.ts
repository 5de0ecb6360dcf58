import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { execa, type ResultPromise } from "execa";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processRunning } from "../../lib/supervisor/process-group";
import { readHeartbeats } from "../../lib/worker/read-heartbeats";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/test-database";
import { freePort, TEST_AUTH_SECRET } from "../../test/helpers/test-server";

// End to end through the built package entry (bin → dist/cli.js → .next/standalone + dist/worker.js),
// as `npx community-engine start` runs it. `npm test` builds first.
const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "bin", "community-engine.js");
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `ce-test-start-${randomUUID().slice(0, 8)}`;
const redis = new Redis(REDIS_URL);
let database: TestDatabase;
let workDir: string;

beforeAll(async () => {
  for (const file of [".next/standalone/server.js", "dist/cli.js", "dist/worker.js"]) {
    if (!existsSync(path.join(ROOT, file))) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
  database = await createTestDatabase(); // empty: MIGRATE_ON_START must migrate it
  workDir = mkdtempSync(path.join(os.tmpdir(), "ce-start-"));
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await database?.drop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe("community-engine start", () => {
  it("migrates, serves /api/health, runs 2 workers, relays their logs, and stops the whole tree on SIGTERM", async () => {
    const port = await freePort();
    const child: ResultPromise = execa("node", [BIN, "start", "--port", String(port), "--workers", "2"], {
      cwd: workDir,
      env: {
        DATABASE_URL: database.url,
        REDIS_URL,
        REDIS_PREFIX: prefix,
        BETTER_AUTH_SECRET: TEST_AUTH_SECRET,
        SITE_URL: `http://127.0.0.1:${port}`,
        HOST: "127.0.0.1",
        MIGRATE_ON_START: "1",
        LOG_LEVEL: "info",
      },
      reject: false,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const lines = () => output.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>);
    const waitFor = async (check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${what}: gave up; output:\n${output.slice(-4000)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    await waitFor(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
      return response?.status === 200;
    }, "health");
    expect(lines().some((line) => line.proc === "supervisor" && /migration\(s\) applied/.test(String(line.msg)))).toBe(true);
    await waitFor(async () => (await readHeartbeats({ redis, prefix })).length === 2, "two worker heartbeats", 20_000);
    await waitFor(() => lines().some((line) => /Community Engine is up/.test(String(line.msg))), "ready line", 10_000);

    const started = lines().filter((line) => /^started \(pid \d+\)$/.test(String(line.msg)));
    expect(started.map((line) => line.proc).sort()).toEqual(["web", "worker-1", "worker-2"]);
    const pids = started.map((line) => Number(line.pid));
    expect(lines().some((line) => line.proc === "worker-2" && line.msg === "worker ready")).toBe(true);
    expect(lines().some((line) => line.proc === "web" && /Next\.js/.test(String(line.msg)))).toBe(true);

    const stoppedAt = Date.now();
    child.kill("SIGTERM");
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(12_000);
    for (const pid of pids) expect(processRunning(pid)).toBe(false);
    expect(await readHeartbeats({ redis, prefix })).toEqual([]);
    expect(lines().at(-1)).toMatchObject({ proc: "supervisor", msg: "all processes stopped" });
  });

  it("refuses a bad --workers value with exit code 1 and one line", async () => {
    const result = await execa("node", [BIN, "start", "--workers", "lots"], { cwd: workDir, reject: false, env: { DATABASE_URL: database.url } });
    expect(result.exitCode).toBe(1);
    expect(result.stderr.trim()).toBe("✗ --workers must be a whole number from 0 to 64");
  });
});
