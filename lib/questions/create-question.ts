import type { Redis } from "ioredis";
import type { Actor } from "../auth/actor";
import { invalidate } from "../cache/cached";
import { questionWriteKeys } from "../cache/cache-keys";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import type { Prisma } from "../generated/prisma/client";
import { canAskQuestion } from "../permissions/permissions";
import { attachTags } from "../tags/attach-tags";
import { getQuestion } from "./get-question";
import { parseInput } from "./parse-input";
import { createQuestionInput } from "./question-input";
import type { Question } from "./types";

export type CreatedQuestion = { id: number; title: string; body: string; authorId: string; tags: string[] };

export type CreateQuestionOptions = {
  db: Db;
  actor: Actor | null;
  /** Untrusted `{ title, body, tags }`; validated here. */
  input: unknown;
  /** When given, the cached tag and popular-question lists are dropped after commit. */
  redis?: Redis;
  /**
   * Runs inside the transaction after the question, its tags and the asker's follow are written
   * (outbox rows, plugin bookkeeping): if it throws, nothing is written.
   */
  onWithinTransaction?: (tx: Prisma.TransactionClient, created: CreatedQuestion) => Promise<void>;
};

/** Asks a question: the question, its tags (counted) and the asker's follow, in one transaction. */
export async function createQuestion(options: CreateQuestionOptions): Promise<Question> {
  const { actor, db } = options;
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to ask a question");
  if (!canAskQuestion(actor)) throw new AppError("FORBIDDEN", "Your account is banned");
  const input = parseInput(createQuestionInput, options.input);

  const created = await db.$transaction(async (tx) => {
    const question = await tx.question.create({
      data: { title: input.title, body: input.body, authorId: actor.id },
      select: { id: true, title: true, body: true, authorId: true },
    });
    await attachTags({ tx, questionId: question.id, names: input.tags });
    await tx.follow.create({ data: { userId: actor.id, questionId: question.id } });
    const result = { ...question, tags: input.tags };
    await options.onWithinTransaction?.(tx, result);
    return result;
  });

  if (options.redis) await invalidate({ redis: options.redis, keys: questionWriteKeys() });
  return getQuestion({ db, id: created.id, actorId: actor.id });
}
