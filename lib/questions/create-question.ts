import type { Actor } from "../auth/actor";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import type { Prisma } from "../generated/prisma/client";
import { canWrite } from "../permissions/permissions";
import { attachTags } from "../tags/attach-tags";
import { createQuestionInput } from "./question-input";
import { parseInput } from "./parse-input";

export type CreatedQuestion = { id: number; title: string; authorId: string; tags: string[] };

export type CreateQuestionOptions = {
  db: Db;
  actor: Actor | null;
  input: unknown;
  /** Runs inside the transaction (outbox rows, plugin bookkeeping): all or nothing. */
  onWithinTransaction?: (tx: Prisma.TransactionClient, created: CreatedQuestion) => Promise<void>;
};

/** Asks a question: the question, its tags (counted) and the asker's follow, in one transaction. */
export async function createQuestion(options: CreateQuestionOptions): Promise<CreatedQuestion> {
  const { actor } = options;
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to ask a question");
  if (!canWrite(actor)) throw new AppError("FORBIDDEN", "Your account is banned");
  const input = parseInput(createQuestionInput, options.input);

  return options.db.$transaction(async (tx) => {
    const question = await tx.question.create({
      data: { title: input.title, body: input.body, authorId: actor.id },
      select: { id: true, title: true, authorId: true },
    });
    await attachTags({ tx, questionId: question.id, names: input.tags });
    await tx.follow.create({ data: { userId: actor.id, questionId: question.id } });
    const created = { ...question, tags: input.tags };
    await options.onWithinTransaction?.(tx, created);
    return created;
  });
}
