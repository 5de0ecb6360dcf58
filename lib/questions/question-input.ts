import { z } from "zod";

export const TAG_PATTERN = /^[a-z0-9][a-z0-9.+#-]{0,34}$/;

export const tagNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(TAG_PATTERN, "tags are 1–35 characters: a–z, 0–9 and . + # -, starting with a letter or digit");

export const titleSchema = z
  .string({ error: "title is required" })
  .trim()
  .min(15, "title must be at least 15 characters")
  .max(150, "title must be at most 150 characters");

export const bodySchema = z
  .string({ error: "body is required" })
  .trim()
  .min(30, "body must be at least 30 characters")
  .max(30_000, "body must be at most 30,000 characters");

export const tagsSchema = z
  .array(tagNameSchema, { error: "tags must be a list of 1 to 5 tags" })
  .transform((tags) => [...new Set(tags)])
  .pipe(z.array(z.string()).min(1, "add at least one tag").max(5, "use at most 5 tags"));

export const createQuestionInput = z.object({ title: titleSchema, body: bodySchema, tags: tagsSchema });
export const updateQuestionInput = z
  .object({ title: titleSchema.optional(), body: bodySchema.optional(), tags: tagsSchema.optional() })
  .refine((value) => value.title !== undefined || value.body !== undefined || value.tags !== undefined, {
    message: "nothing to update: give a title, body or tags",
  });
export const createAnswerInput = z.object({ body: bodySchema });

export type CreateQuestionInput = z.infer<typeof createQuestionInput>;
export type UpdateQuestionInput = z.infer<typeof updateQuestionInput>;
export type CreateAnswerInput = z.infer<typeof createAnswerInput>;
