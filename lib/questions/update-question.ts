import type { Redis } from "ioredis";
import type { Actor } from "../auth/actor";
import { invalidate } from "../cache/cached";
import { questionWriteKeys } from "../cache/cache-keys";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import type { Prisma } from "../generated/prisma/client";
import { canEditPost, canEditQuestion, canModerate, canWrite } from "../permissions/permissions";
import { attachTags, detachTags } from "../tags/attach-tags";
import { getQuestion } from "./get-question";
import { parseInput } from "./parse-input";
import { updateQuestionInput } from "./question-input";
import type { Question } from "./types";

export type UpdatedQuestion = {
  id: number;
  title: string;
  body: string;
  authorId: string;
  tags: string[];
  addedTags: string[];
  removedTags: string[];
};

export type UpdateQuestionOptions = {
  db: Db;
  actor: Actor | null;
  questionId: number;
  /** Untrusted `{ title?, body?, tags? }`; validated here. */
  input: unknown;
  /** When given, the cached tag and popular-question lists are dropped after commit. */
  redis?: Redis;
  /** Runs inside the transaction after the edit is written; if it throws, nothing is written. */
  onWithinTransaction?: (tx: Prisma.TransactionClient, updated: UpdatedQuestion) => Promise<void>;
};

/** Edits a question (author, moderator or admin); tag counts follow the change. */
export async function updateQuestion(options: UpdateQuestionOptions): Promise<Question> {
  const { actor, db } = options;
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to edit");
  if (!canWrite(actor)) throw new AppError("FORBIDDEN", "Your account is banned");
  const input = parseInput(updateQuestionInput, options.input);

  await db.$transaction(async (tx) => {
    // Row lock: two concurrent retags must not both count the same tag change.
    const [locked] = await tx.$queryRaw<Array<{ id: number }>>`SELECT "id" FROM "question" WHERE "id" = ${options.questionId} FOR UPDATE`;
    const question = locked
      ? await tx.question.findUnique({
          where: { id: options.questionId },
          select: { id: true, authorId: true, deletedAt: true, lockedAt: true, tags: { select: { tag: { select: { name: true } } } } },
        })
      : null;
    if (!question || (question.deletedAt && !canModerate(actor))) throw new AppError("NOT_FOUND", "Question not found");
    if (!canEditPost(actor, question)) throw new AppError("FORBIDDEN", "Only the author or a moderator can edit this question");
    if (!canEditQuestion(actor, question)) throw new AppError("CONFLICT", "This question is locked");

    const current = question.tags.map((t) => t.tag.name);
    const tags = input.tags ?? current;
    const removedTags = current.filter((name) => !tags.includes(name));
    const addedTags = tags.filter((name) => !current.includes(name));
    await detachTags({ tx, questionId: question.id, names: removedTags });
    await attachTags({ tx, questionId: question.id, names: addedTags });
    const row = await tx.question.update({
      where: { id: question.id },
      data: { title: input.title, body: input.body, lastActivityAt: new Date() },
      select: { id: true, title: true, body: true, authorId: true },
    });
    await options.onWithinTransaction?.(tx, { ...row, tags, addedTags, removedTags });
  });

  if (options.redis) await invalidate({ redis: options.redis, keys: questionWriteKeys() });
  return getQuestion({ db, id: options.questionId, actorId: actor.id, includeDeleted: canModerate(actor) });
}
