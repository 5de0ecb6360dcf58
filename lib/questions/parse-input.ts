import type { z } from "zod";
import { AppError } from "../errors/app-error";

/**
 * Parses with a zod schema; failures become VALIDATION_FAILED with one message per field.
 * Array positions are dropped from field names (`tags.2` → `tags`): forms show one message
 * under the list, not one per element.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.filter((part) => typeof part !== "number").map(String);
    const key = path.length > 0 ? path.join(".") : "_";
    if (!(key in fields)) fields[key] = issue.message;
  }
  return throwInvalid(fields);
}

function throwInvalid(fields: Record<string, string>): never {
  const first = Object.entries(fields)[0];
  const message = first ? (first[0] === "_" ? first[1] : `${first[0]}: ${first[1]}`) : "Invalid input";
  throw new AppError("VALIDATION_FAILED", message, { fields });
}
