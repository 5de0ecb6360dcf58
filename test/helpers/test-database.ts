import { randomBytes } from "node:crypto";
import { Client } from "pg";

/** A superuser connection to an existing database (CREATE/DROP DATABASE run there). */
export const TEST_DATABASE_ADMIN_URL =
  process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type TestDatabase = { url: string; name: string; drop(): Promise<void> };

/**
 * A new, empty database with a unique random name (`ce_test_<label>_<hex>`), so test files
 * can run in parallel; drop() it in afterAll. Honours TEST_DATABASE_ADMIN_URL.
 */
export async function createTestDatabase(options: { label?: string } = {}): Promise<TestDatabase> {
  const label = options.label ? `${options.label.toLowerCase().replace(/[^a-z0-9]+/g, "_")}_` : "";
  const name = `ce_test_${label}${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(TEST_DATABASE_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({
    connectionString: TEST_DATABASE_ADMIN_URL,
    connectionTimeoutMillis: 10_000,
  });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
