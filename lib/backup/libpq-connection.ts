/** Query parameters Prisma or our pool understand but libpq tools (pg_dump, psql) reject. */
const NON_LIBPQ_PARAMS = ["schema", "connection_limit", "pool_timeout", "pgbouncer", "statement_cache_size", "socket_timeout", "sslaccept"];

/**
 * Turns DATABASE_URL into what pg_dump/pg_restore take: a URL without the password (which
 * goes into PGPASSWORD, so it never shows in `ps`) and without Prisma-only parameters.
 */
export function libpqConnection(databaseUrl: string): { url: string; env: Record<string, string>; database: string } {
  const url = new URL(databaseUrl);
  const env: Record<string, string> = {};
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  url.password = "";
  for (const param of NON_LIBPQ_PARAMS) url.searchParams.delete(param);
  return { url: url.toString(), env, database: decodeURIComponent(url.pathname.replace(/^\//, "")) };
}
