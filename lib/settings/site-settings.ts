import { z } from "zod";

/** Normalises "@Example.COM", "*.example.com" or "example.com." to "example.com". */
function normaliseDomain(value: string): string {
  return value.trim().toLowerCase().replace(/^\*?\.|^@/, "").replace(/\.$/, "");
}

const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/** What admins can change at /admin/settings (stored one row per key in `site_setting`). */
export const SITE_SETTINGS_SCHEMA = z.object({
  siteName: z.string().trim().min(1, "is required").max(80, "must be at most 80 characters"),
  siteDescription: z.string().trim().max(500, "must be at most 500 characters"),
  registrationOpen: z.boolean(),
  /** Sign-ups from these email domains (and their subdomains) are refused. */
  blockedEmailDomains: z
    .array(z.string().transform(normaliseDomain))
    .max(1000, "at most 1000 domains")
    .transform((domains) => [...new Set(domains.filter(Boolean))].sort())
    .refine((domains) => domains.every((domain) => DOMAIN.test(domain)), "must be domain names like example.com"),
});

export type SiteSettings = z.infer<typeof SITE_SETTINGS_SCHEMA>;

/** A partial update, as PUT /api/v1/admin/settings accepts it. */
export const SITE_SETTINGS_UPDATE_SCHEMA = SITE_SETTINGS_SCHEMA.partial().strict();
export type SiteSettingsUpdate = z.input<typeof SITE_SETTINGS_UPDATE_SCHEMA>;

export const SITE_SETTING_KEYS = ["siteName", "siteDescription", "registrationOpen", "blockedEmailDomains"] as const;

export function defaultSiteSettings(): SiteSettings {
  return {
    siteName: process.env.SITE_NAME?.trim() || "Community Engine",
    siteDescription: "",
    registrationOpen: true,
    blockedEmailDomains: [],
  };
}
