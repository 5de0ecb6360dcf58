import { unstable_cache } from "next/cache";
import { getDb } from "@/lib/db";
import { getSiteSettings } from "@/lib/settings/get-site-settings";

/** The name from the environment: what the site is called when no setting can be read. */
function envSiteName(): string {
  return process.env.SITE_NAME?.trim() || "Community Engine";
}

/**
 * The admin-saved name (/admin/settings) from Next's data cache, so rendering it costs no query
 * and anonymous pages stay cacheable. PUT /api/v1/admin/settings revalidates the "settings" tag;
 * the 5-minute revalidate catches changes other processes made (and build-time prerenders).
 */
const loadSavedSiteName = unstable_cache(async () => (await getSiteSettings({ db: getDb() })).siteName, ["site-name"], {
  tags: ["settings"],
  revalidate: 300,
});

/** Site name for rendering: the saved setting, else env SITE_NAME; never throws (DB down → env). */
export async function getSiteName(): Promise<string> {
  try {
    return await loadSavedSiteName();
  } catch {
    // A failed read is not cached (the callback threw), so the next render tries again.
    return envSiteName();
  }
}
