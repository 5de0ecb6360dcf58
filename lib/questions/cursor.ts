import { AppError } from "../errors/app-error";

/**
 * Opaque keyset cursors: base64url JSON of the list they belong to (`s`), the last row's sort
 * key (`k`) and id. Carrying `s` lets a cursor pasted into another sort fail as a 400 instead of
 * comparing a date with a score.
 */
export type Cursor = { s: string; k: string | number; id: number; a?: 0 | 1 };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(value: string | undefined | null, list: string): Cursor | null {
  if (!value) return null;
  let parsed: Partial<Cursor> | null = null;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Partial<Cursor>;
  } catch {
    // handled below
  }
  if (
    !parsed ||
    parsed.s !== list ||
    !Number.isSafeInteger(parsed.id) ||
    (typeof parsed.k !== "number" && typeof parsed.k !== "string")
  ) {
    throw invalidCursor();
  }
  return parsed as Cursor;
}

/** The cursor's key as a number (scores, ranks); anything else is a bad cursor. */
export function cursorNumber(cursor: Cursor): number {
  if (typeof cursor.k !== "number" || !Number.isFinite(cursor.k)) throw invalidCursor();
  return cursor.k;
}

/** The cursor's key as a timestamp. */
export function cursorDate(cursor: Cursor): Date {
  const date = typeof cursor.k === "string" ? new Date(cursor.k) : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw invalidCursor();
  return date;
}

function invalidCursor(): AppError {
  return new AppError("VALIDATION_FAILED", "Invalid cursor", { fields: { cursor: "invalid cursor: start again from the first page" } });
}
