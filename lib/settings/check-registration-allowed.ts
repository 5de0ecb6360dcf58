import type { Db } from "../db";
import { getSiteSettings } from "./get-site-settings";

export type RegistrationCheck = { allowed: true } | { allowed: false; message: string };

/**
 * Whether a public sign-up with this email may proceed: registration must be open and the
 * email's domain (or a parent domain) must not be on the blocklist. Better-Auth's sign-up hook
 * (lib/auth/auth.ts) turns a refusal into a 403 with this message.
 */
export async function checkRegistrationAllowed(options: { db: Db; email: string }): Promise<RegistrationCheck> {
  const settings = await getSiteSettings({ db: options.db });
  if (!settings.registrationOpen) return { allowed: false, message: "Registration is closed on this site" };
  const domain = options.email.trim().toLowerCase().split("@").pop() ?? "";
  const blocked = settings.blockedEmailDomains.find((entry) => domain === entry || domain.endsWith(`.${entry}`));
  if (blocked) return { allowed: false, message: `Sign-ups with ${blocked} email addresses are not allowed on this site` };
  return { allowed: true };
}
