import { createHash } from "node:crypto";

/**
 * Weak ETag for the bell: the count plus a short hash of the user, so one user's ETag never
 * matches another's response (shared caches, switched accounts). The count is all the bell
 * shows, so it is the whole version.
 */
export function unreadCountEtag(userId: string, count: number): string {
  return `W/"${count}-${userHash(userId)}"`;
}

/** The user part is a pure function of the id, asked for on every poll: remembered (bounded). */
const userHashes = new Map<string, string>();
const MAX_USER_HASHES = 50_000;

function userHash(userId: string): string {
  let hash = userHashes.get(userId);
  if (hash === undefined) {
    hash = createHash("sha256").update(userId).digest("base64url").slice(0, 10);
    if (userHashes.size >= MAX_USER_HASHES) userHashes.clear();
    userHashes.set(userId, hash);
  }
  return hash;
}

/** RFC 9110 If-None-Match: a list or `*`, compared weakly (the W/ prefix is ignored). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, "");
  const wanted = strip(etag);
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || strip(tag) === wanted);
}

/**
 * The bell's response headers. private + no-cache: browsers keep the answer but revalidate every
 * poll (that is what the 304 is for).
 */
export function unreadCountHeaders(etag: string): Record<string, string> {
  return { ETag: etag, "Cache-Control": "private, no-cache", Vary: "Cookie" };
}
