import type { z } from "zod";
import { appErrorFromZod } from "../errors/from-zod";

/** Parses with a zod schema; failures become VALIDATION_FAILED with per-field messages. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw appErrorFromZod(result.error);
  return result.data;
}
