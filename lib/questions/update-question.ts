import type { Actor } from "../auth/actor";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import type { Prisma } from "../generated/prisma/client";
import { canEditPost } from "../permissions/permissions";
import { attachTags, detachTags } from "../tags/attach-tags";
import { parseInput } from "./parse-input";
import { updateQuestionInput } from "./question-input";

export type UpdateQuestionOptions = {
  db: Db;
  actor: Actor | null;
  questionId: number;
  input: unknown;
  onWithinTransaction?: (tx: Prisma.TransactionClient, updated: { id: number; tags: string[] }) => Promise<void>;
};

/** Edits a question (author, moderator or admin); tag counts follow the change. */
export async function updateQuestion(options: UpdateQuestionOptions): Promise<{ id: number; tags: string[] }> {
  const { actor } = options;
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to edit");
  const input = parseInput(updateQuestionInput, options.input);

  return options.db.$transaction(async (tx) => {
    const question = await tx.question.findUnique({
      where: { id: options.questionId },
      select: { id: true, authorId: true, deletedAt: true, lockedAt: true, tags: { select: { tag: { select: { name: true } } } } },
    });
    if (!question || (question.deletedAt && actor.role === "user")) throw new AppError("NOT_FOUND", "Question not found");
    if (!canEditPost(actor, question)) throw new AppError("FORBIDDEN", "Only the author or a moderator can edit this question");
    if (question.lockedAt && actor.role === "user") throw new AppError("CONFLICT", "This question is locked");

    const current = question.tags.map((t) => t.tag.name);
    const tags = input.tags ?? current;
    await detachTags({ tx, questionId: question.id, names: current.filter((name) => !tags.includes(name)) });
    await attachTags({ tx, questionId: question.id, names: tags.filter((name) => !current.includes(name)) });
    await tx.question.update({
      where: { id: question.id },
      data: { title: input.title, body: input.body, lastActivityAt: new Date() },
    });
    const updated = { id: question.id, tags };
    await options.onWithinTransaction?.(tx, updated);
    return updated;
  });
}
