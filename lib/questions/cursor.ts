import { AppError } from "../errors/app-error";

/** Opaque keyset cursors: base64url JSON of the last row's sort key and id. */
export type Cursor = { k: string | number; id: number };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(value: string | undefined | null): Cursor | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Cursor;
    if (typeof parsed.id !== "number" || (typeof parsed.k !== "number" && typeof parsed.k !== "string")) throw new Error();
    return parsed;
  } catch {
    throw new AppError("VALIDATION_FAILED", "Invalid cursor", { fields: { cursor: "invalid cursor" } });
  }
}
