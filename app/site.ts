/** Site name for rendering; read from env so the static shell needs no database. */
export function getSiteName(): string {
  return process.env.SITE_NAME?.trim() || "Community Engine";
}
