import { Redis } from "ioredis";
import { AppError } from "../errors/app-error";
import { failureReason } from "./failure-reason";
import { maskUrl } from "./mask-url";

export type ConnectRedisOptions = { url: string; timeoutMs?: number };

/**
 * A connected client for one-shot checks: one attempt, no reconnect loop, no offline queue,
 * every command bounded, so a down Redis fails in `timeoutMs` instead of hanging the CLI.
 * Throws UNAVAILABLE (exit 2) with the masked URL.
 */
export async function connectRedis(options: ConnectRedisOptions): Promise<Redis> {
  const timeoutMs = options.timeoutMs ?? 3000;
  const redis = new Redis(options.url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    connectionName: "ce-cli",
  });
  // connect() only says "Connection is closed."; the socket's own error (ECONNREFUSED…) says why.
  let socketError: unknown;
  redis.on("error", (error) => {
    socketError ??= error;
  });
  try {
    await withTimeout(redis.connect(), timeoutMs);
    await redis.ping();
    return redis;
  } catch (error) {
    redis.disconnect();
    const cause = socketError ?? error;
    throw new AppError("UNAVAILABLE", `Cannot reach Redis at ${maskUrl(options.url)}: ${failureReason(cause)}`, {}, { cause });
  }
}

/** PING + the server version, then disconnect. */
export async function checkRedis(options: ConnectRedisOptions): Promise<{ serverVersion: string }> {
  const redis = await connectRedis(options);
  try {
    const info = await redis.info("server").catch(() => "");
    return { serverVersion: /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? "unknown" };
  } finally {
    redis.disconnect();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
