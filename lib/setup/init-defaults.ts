/** What `init --yes` (and `up`) write when neither a flag nor the environment says otherwise. */
export const INIT_DEFAULTS = {
  databaseUrl: "postgresql://postgres@127.0.0.1:5432/community_engine",
  redisUrl: "redis://127.0.0.1:6379",
  port: 3000,
  siteName: "Community Engine",
} as const;

export function defaultSiteUrl(port: number): string {
  return `http://localhost:${port}`;
}
