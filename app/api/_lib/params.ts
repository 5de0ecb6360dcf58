import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/questions/parse-input";

/** Numeric route ids; anything else is simply not found. */
export function parseId(value: string, what = "Resource"): number {
  const id = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError("NOT_FOUND", `${what} not found`);
  return id;
}

/** Query-string parameters validated with a zod schema (400 with fields on failure). */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return parseInput(schema, params);
}
