import type { Redis } from "ioredis";
import { z } from "zod";
import { heartbeatPattern } from "./heartbeat-key";

export type WorkerHeartbeat = { id: string; pid: number; host: string; at: string; ageMs: number };

const HEARTBEAT_VALUE_SCHEMA = z.object({
  pid: z.number().int(),
  host: z.string(),
  at: z.string().refine((value) => !Number.isNaN(Date.parse(value))),
});

/**
 * Lists live workers (those whose heartbeat key has not expired), oldest beat first.
 * SCAN, not KEYS: never blocks a shared production Redis.
 */
export async function readHeartbeats(options: { redis: Redis; prefix?: string; now?: number }): Promise<WorkerHeartbeat[]> {
  const { redis } = options;
  const pattern = heartbeatPattern(options.prefix);
  const idStart = pattern.length - 1; // the id is what the trailing `*` matched
  const keys = new Set<string>();
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 200);
    for (const key of batch) keys.add(key);
    cursor = next;
  } while (cursor !== "0");
  if (keys.size === 0) return [];

  const keyList = [...keys];
  const values = await redis.mget(...keyList);
  const now = options.now ?? Date.now();
  const heartbeats: WorkerHeartbeat[] = [];
  keyList.forEach((key, index) => {
    const raw = values[index];
    if (raw === null || raw === undefined) return; // expired between SCAN and MGET
    const parsed = HEARTBEAT_VALUE_SCHEMA.safeParse(safeJson(raw));
    if (!parsed.success) return;
    const { pid, host, at } = parsed.data;
    heartbeats.push({ id: key.slice(idStart), pid, host, at, ageMs: Math.max(0, now - Date.parse(at)) });
  });
  return heartbeats.sort((a, b) => b.ageMs - a.ageMs);
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
