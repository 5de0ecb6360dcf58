import type { ZodError } from "zod";
import { AppError } from "./app-error";

/** Turns a zod error into VALIDATION_FAILED with one message per field (first issue wins). */
export function appErrorFromZod(error: ZodError, message = "Invalid input"): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_";
    if (!(key in fields)) fields[key] = issue.message;
  }
  return new AppError("VALIDATION_FAILED", message, { fields });
}
