import { z } from "zod";
import { USERNAME_PATTERN } from "../auth/auth";
import { AppError } from "../errors/app-error";

/** Better-Auth's limits (lib/auth/auth.ts): a password it would refuse at sign-in is refused here. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

const EMAIL_SCHEMA = z.email();

/** Pure checks of `admin create`'s input; each failure is one line naming the flag (exit 1). */
export function parseAdminEmail(value: string): string {
  const email = value.trim().toLowerCase();
  if (!EMAIL_SCHEMA.safeParse(email).success) {
    throw new AppError("VALIDATION_FAILED", `--email must be an e-mail address (got "${value}")`, { fields: { email: "invalid" } });
  }
  return email;
}

export function parseAdminUsername(value: string): string {
  const username = value.trim();
  if (!USERNAME_PATTERN.test(username)) {
    throw new AppError("VALIDATION_FAILED", "--username must be 3-30 letters, digits or underscores", {
      fields: { username: "invalid" },
    });
  }
  // The username plugin stores usernames lower-cased; compare the same way.
  return username.toLowerCase();
}

/** A message for a bad password, or undefined (used by the flag and by the masked prompt). */
export function checkAdminPassword(value: string | undefined): string | undefined {
  const length = value?.length ?? 0;
  if (length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  return undefined;
}

export function parseAdminPassword(value: string): string {
  const problem = checkAdminPassword(value);
  if (problem) throw new AppError("VALIDATION_FAILED", `--password ${problem}`, { fields: { password: problem } });
  return value;
}
