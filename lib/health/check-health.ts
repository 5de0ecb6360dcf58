import type { Redis } from "ioredis";
import type { Db } from "../db";

export type PartStatus = "ok" | "down";
export type HealthReport = { status: "ok" | "degraded"; db: PartStatus; redis: PartStatus };

export type CheckHealthOptions = { db: Db; redis: Redis; timeoutMs?: number };

/** Probes Postgres and Redis in parallel, each bounded by a timeout. */
export async function checkHealth(options: CheckHealthOptions): Promise<HealthReport> {
  const timeoutMs = options.timeoutMs ?? 1500;
  const [db, redis] = await Promise.all([
    probe(() => options.db.$queryRaw`SELECT 1`, timeoutMs),
    probe(() => options.redis.ping(), timeoutMs),
  ]);
  return { status: db === "ok" && redis === "ok" ? "ok" : "degraded", db, redis };
}

async function probe(run: () => Promise<unknown>, timeoutMs: number): Promise<PartStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), timeoutMs);
  });
  try {
    await Promise.race([run(), timeout]);
    return "ok";
  } catch {
    return "down";
  } finally {
    clearTimeout(timer);
  }
}
