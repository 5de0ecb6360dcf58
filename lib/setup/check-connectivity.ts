import { checkPostgres } from "./check-postgres";
import { checkRedis } from "./check-redis";

export type ConnectivityStep = { service: "PostgreSQL" | "Redis"; state: "start" | "ok"; detail?: string };

export type CheckConnectivityOptions = {
  databaseUrl: string;
  redisUrl: string;
  timeoutMs?: number;
  createDatabaseIfMissing?: boolean;
  /** Progress for a spinner or plain lines. */
  onStep?: (step: ConnectivityStep) => void;
};

export type ConnectivityReport = { postgresVersion: string; createdDatabase: boolean; redisVersion: string };

/** `init`'s reachability check: Postgres then Redis; the first unreachable one throws UNAVAILABLE. */
export async function checkConnectivity(options: CheckConnectivityOptions): Promise<ConnectivityReport> {
  const timeoutMs = options.timeoutMs ?? 3000;
  options.onStep?.({ service: "PostgreSQL", state: "start" });
  const postgres = await checkPostgres({
    url: options.databaseUrl,
    timeoutMs,
    createDatabaseIfMissing: options.createDatabaseIfMissing,
  });
  const created = postgres.createdDatabase ? ", database created" : "";
  options.onStep?.({ service: "PostgreSQL", state: "ok", detail: `PostgreSQL ${postgres.serverVersion}${created}` });

  options.onStep?.({ service: "Redis", state: "start" });
  const redis = await checkRedis({ url: options.redisUrl, timeoutMs });
  options.onStep?.({ service: "Redis", state: "ok", detail: `Redis ${redis.serverVersion}` });

  return { postgresVersion: postgres.serverVersion, createdDatabase: postgres.createdDatabase, redisVersion: redis.serverVersion };
}
