/** A URL safe to print: the password (if any) becomes `***`; anything unparsable is shown as-is. */
export function maskUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return value;
  }
}
