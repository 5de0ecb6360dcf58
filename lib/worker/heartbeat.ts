import os from "node:os";
import type { Redis } from "ioredis";
import { heartbeatKey } from "./heartbeat-key";

export type HeartbeatValue = { pid: number; host: string; startedAt: string; at: string };

export type StartHeartbeatOptions = {
  redis: Redis;
  /** Unique per process, e.g. `<hostname>-<pid>`. */
  id: string;
  intervalMs?: number;
  ttlSeconds?: number;
  /** Defaults to the configured REDIS_PREFIX. */
  prefix?: string;
  /** Told about failed writes (Redis down); the next tick tries again. */
  onError?: (error: unknown) => void;
};

export type Heartbeat = { key: string; stop(): Promise<void> };

/**
 * Keeps `<prefix>:worker:heartbeat:<id>` alive with a TTL, so `doctor` can tell a running
 * worker from a dead one: a crashed process simply stops refreshing and its key expires.
 */
export function startHeartbeat(options: StartHeartbeatOptions): Heartbeat {
  const { redis, id } = options;
  const intervalMs = options.intervalMs ?? 5000;
  const ttlSeconds = options.ttlSeconds ?? 15;
  const key = heartbeatKey(id, options.prefix);
  const startedAt = new Date().toISOString();
  let inFlight: Promise<void> | undefined;

  function beat(): void {
    // A worker connection queues commands while Redis is down; never stack up more than one.
    if (inFlight) return;
    const value: HeartbeatValue = { pid: process.pid, host: os.hostname(), startedAt, at: new Date().toISOString() };
    inFlight = redis
      .set(key, JSON.stringify(value), "EX", ttlSeconds)
      .then(() => undefined, (error: unknown) => options.onError?.(error))
      .finally(() => {
        inFlight = undefined;
      });
  }

  beat();
  const timer = setInterval(beat, intervalMs);
  timer.unref();

  return {
    key,
    async stop() {
      clearInterval(timer);
      // Bounded: with Redis down the key just expires on its own.
      await withTimeout(
        (async () => {
          await inFlight;
          await redis.del(key);
        })(),
        2000,
      ).catch((error: unknown) => options.onError?.(error));
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
