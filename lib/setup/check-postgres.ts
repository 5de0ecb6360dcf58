import { Client } from "pg";
import { AppError } from "../errors/app-error";
import { failureReason } from "./failure-reason";
import { maskUrl } from "./mask-url";

export type CheckPostgresOptions = {
  url: string;
  timeoutMs?: number;
  /** First-time set-up: when the server answers but the database is missing, create it. */
  createDatabaseIfMissing?: boolean;
};

export type PostgresCheck = { serverVersion: string; createdDatabase: boolean };

const DATABASE_MISSING = "3D000";
const DATABASE_EXISTS = "42P04";

/** Connects (bounded), reads the server version; throws UNAVAILABLE (exit 2) with the masked URL. */
export async function checkPostgres(options: CheckPostgresOptions): Promise<PostgresCheck> {
  const timeoutMs = options.timeoutMs ?? 3000;
  try {
    return { serverVersion: await readServerVersion(options.url, timeoutMs), createdDatabase: false };
  } catch (error) {
    if (!(options.createDatabaseIfMissing && (error as { code?: string }).code === DATABASE_MISSING)) {
      throw unreachable(options.url, error);
    }
  }
  await createDatabase(options.url, timeoutMs);
  try {
    return { serverVersion: await readServerVersion(options.url, timeoutMs), createdDatabase: true };
  } catch (error) {
    throw unreachable(options.url, error);
  }
}

async function readServerVersion(url: string, timeoutMs: number): Promise<string> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on("error", () => {}); // a dropped connection surfaces on the pending query
  try {
    await client.connect();
    const result = await client.query<{ server_version: string }>("SHOW server_version");
    // "15.8 (Debian 15.8-0+deb12u1)" → "15.8"
    return result.rows[0].server_version.split(" ")[0];
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates the database named in `url` through the server's `postgres` database. */
async function createDatabase(url: string, timeoutMs: number): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const client = new Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } catch (error) {
    if ((error as { code?: string }).code === DATABASE_EXISTS) return; // created concurrently: fine
    throw new AppError(
      "UNAVAILABLE",
      `PostgreSQL at ${maskUrl(url)} has no database "${name}" and creating it failed: ${failureReason(error)}`,
      {},
      { cause: error },
    );
  } finally {
    await client.end().catch(() => {});
  }
}

function unreachable(url: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError("UNAVAILABLE", `Cannot reach PostgreSQL at ${maskUrl(url)}: ${failureReason(error)}`, {}, { cause: error });
}
