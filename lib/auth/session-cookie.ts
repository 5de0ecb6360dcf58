const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?ce\.session_token=([^;]+)/;

/** The raw (signed, URL-encoded) Better-Auth session cookie from a Cookie header, if any. */
export function sessionCookieValue(cookieHeader: string | null | undefined): string | null {
  return SESSION_COOKIE.exec(cookieHeader ?? "")?.[1] ?? null;
}
