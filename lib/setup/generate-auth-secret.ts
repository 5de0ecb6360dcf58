import { randomBytes } from "node:crypto";

/** 256 random bits for BETTER_AUTH_SECRET: 43 base64url characters, safe unquoted in .env. */
export function generateAuthSecret(): string {
  return randomBytes(32).toString("base64url");
}
