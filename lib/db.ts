import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { getConfig } from "./config";

export type Db = PrismaClient;

/** Creates a Prisma client on the pg driver adapter (no query engine binary). */
export function createDb(options: { databaseUrl: string; max?: number }): Db {
  const adapter = new PrismaPg({ connectionString: options.databaseUrl, max: options.max ?? 10 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { ceDb?: Db };

/** The process-wide client (kept on globalThis so Next's dev reloads don't leak pools). */
export function getDb(): Db {
  globalForDb.ceDb ??= createDb({ databaseUrl: getConfig().DATABASE_URL });
  return globalForDb.ceDb;
}
