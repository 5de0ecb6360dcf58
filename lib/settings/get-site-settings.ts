import type { Db } from "../db";
import { defaultSiteSettings, SITE_SETTING_KEYS, SITE_SETTINGS_SCHEMA, type SiteSettings } from "./site-settings";

/**
 * The site settings, read fresh from Postgres (one small indexed query), so a change made on
 * one web process or from the CLI applies everywhere at once. A stored value that no longer
 * validates falls back to its default rather than breaking sign-up.
 */
export async function getSiteSettings(options: { db: Db }): Promise<SiteSettings> {
  const rows = await options.db.siteSetting.findMany({ where: { key: { in: [...SITE_SETTING_KEYS] } } });
  const settings = defaultSiteSettings();
  const shape = SITE_SETTINGS_SCHEMA.shape;
  for (const row of rows) {
    const key = row.key as (typeof SITE_SETTING_KEYS)[number];
    const parsed = shape[key].safeParse(row.value);
    if (parsed.success) (settings as Record<string, unknown>)[key] = parsed.data;
  }
  return settings;
}
