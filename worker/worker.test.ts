import { randomUUID } from "node:crypto";
import path from "node:path";
import { execa, type ResultPromise } from "execa";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { readHeartbeats } from "../lib/worker/read-heartbeats";

const ROOT = path.resolve(import.meta.dirname, "..");
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `ce-test-worker-${randomUUID().slice(0, 8)}`;
const redis = new Redis(REDIS_URL);
const children: ResultPromise[] = [];

function startWorker(env: Record<string, string>): { child: ResultPromise; output: () => string } {
  // `node --import tsx` rather than `npx tsx` so the signal reaches the worker itself, not npm.
  const child = execa("node", ["--import", "tsx", "worker/index.ts"], {
    cwd: ROOT,
    env: {
      DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
      REDIS_URL,
      REDIS_PREFIX: prefix,
      BETTER_AUTH_SECRET: "test-secret-test-secret-test-secret-0123456789",
      LOG_LEVEL: "info",
      ...env,
    },
    reject: false,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe("worker process", () => {
  it("announces itself with a heartbeat, drains on SIGTERM and exits 0", async () => {
    const { child, output } = startWorker({});
    const key = `${prefix}:worker:heartbeat:`;
    await waitFor(async () => (await readHeartbeats({ redis, prefix })).length === 1, 20_000, output);

    const [beat] = await readHeartbeats({ redis, prefix });
    expect(beat.pid).toBe(child.pid);
    expect(beat.id.endsWith(`-${child.pid}`)).toBe(true);
    const ttl = await redis.ttl(`${key}${beat.id}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(15);
    await waitFor(async () => output().includes('"msg":"worker ready"'), 10_000, output);

    const stoppedAt = Date.now();
    child.kill("SIGTERM");
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    expect(output()).toContain('"msg":"worker stopped"');
    expect(await redis.exists(`${key}${beat.id}`)).toBe(0);
  });

  it("exits 1 with a fatal JSON line when the configuration is invalid", async () => {
    const { child, output } = startWorker({ REDIS_URL: "http://not-redis" });
    const result = await child;
    expect(result.exitCode).toBe(1);
    const line = output().split("\n").find((text) => text.includes('"level":60'));
    expect(line && JSON.parse(line).msg).toMatch(/REDIS_URL/);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out; worker output:\n${output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
