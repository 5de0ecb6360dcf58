import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import type { Db } from "../../lib/db";
import { type LoadFigures, timedLoops } from "./stats";

export type CapturedQuery = { sql: string; params: unknown[] };

/**
 * Runs `work` once on a Prisma client that logs every statement, and returns the statements in
 * the order they were sent: exactly the SQL (and parameters) the product's domain code issues
 * for an uncached render, to replay bare through `pg` (and to count queries per render).
 */
export async function captureQueries(options: { databaseUrl: string; work: (db: Db) => Promise<unknown> }): Promise<CapturedQuery[]> {
  const adapter = new PrismaPg({ connectionString: options.databaseUrl, max: 2 });
  const db = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  const captured: CapturedQuery[] = [];
  db.$on("query", (event) => {
    captured.push({ sql: event.query, params: JSON.parse(event.params || "[]") as unknown[] });
  });
  try {
    await options.work(db);
  } finally {
    await db.$disconnect();
  }
  return captured;
}

/**
 * The database ceiling for a page: `connections` loops, each replaying the captured statements
 * in order (one iteration = one page's worth of SQL) through a pg pool of `poolSize` (the
 * product's pool size), until `duration` seconds have passed. Reports iterations per second.
 */
export async function runSqlBaseline(options: {
  databaseUrl: string;
  queries: CapturedQuery[];
  connections: number;
  duration: number;
  poolSize: number;
}): Promise<LoadFigures> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize });
  try {
    // Warm the pool and the plans before timing.
    for (const query of options.queries) await pool.query(query.sql, query.params);
    return await timedLoops({
      loops: options.connections,
      seconds: options.duration,
      iteration: async () => {
        const client = await pool.connect();
        try {
          for (const query of options.queries) await client.query(query.sql, query.params);
        } finally {
          client.release();
        }
      },
    });
  } finally {
    await pool.end();
  }
}
