import pg from "pg";
import type { Actor } from "../../lib/auth/actor";
import type { Db } from "../../lib/db";
import { createTestUser } from "./fixtures";

/**
 * A question with one answer, written with Prisma directly (not createQuestion/createAnswer) so
 * vote, accept and integrity tests depend on nothing but the schema. Counts are kept right.
 */
export async function createPost(db: Db, options: { tags?: string[] } = {}): Promise<{
  asker: Actor;
  answerer: Actor;
  questionId: number;
  answerId: number;
}> {
  const asker = await createTestUser(db);
  const answerer = await createTestUser(db);
  const tags = options.tags ?? [];
  const question = await db.question.create({
    data: {
      title: "A question about reputation rules",
      body: "Body of a question about reputation rules.",
      authorId: asker.id,
      answerCount: 1,
      tags: { create: tags.map((name) => ({ tag: { connectOrCreate: { where: { name }, create: { name } } } })) },
    },
  });
  if (tags.length > 0) await db.tag.updateMany({ where: { name: { in: tags } }, data: { questionCount: { increment: 1 } } });
  const answer = await db.answer.create({ data: { questionId: question.id, authorId: answerer.id, body: "An answer body." } });
  return { asker, answerer, questionId: question.id, answerId: answer.id };
}

/** Another answer on a question (answerCount kept right). */
export async function addAnswer(db: Db, questionId: number, author: Actor): Promise<number> {
  const answer = await db.answer.create({ data: { questionId, authorId: author.id, body: "Another answer body." } });
  await db.question.update({ where: { id: questionId }, data: { answerCount: { increment: 1 } } });
  return answer.id;
}

export async function reputationOf(db: Db, userId: string): Promise<number> {
  return (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { reputation: true } })).reputation;
}

export async function ledgerSum(db: Db, userId: string): Promise<number> {
  return (await db.reputationEvent.aggregate({ where: { userId }, _sum: { amount: true } }))._sum.amount ?? 0;
}

/**
 * A raw connection inside an open transaction, to hold a lock (or a half-done write) while the
 * code under test runs; `commit()` releases it.
 */
export async function openTransaction(url: string): Promise<{ query: (sql: string, params?: unknown[]) => Promise<pg.QueryResult>; commit: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("BEGIN");
  return {
    query: (sql, params) => client.query(sql, params),
    async commit() {
      try {
        await client.query("COMMIT");
      } finally {
        await client.end();
      }
    },
  };
}

/** Resolves "pending" if `promise` hasn't settled within `ms` (it keeps running). */
export async function settledWithin<T>(promise: Promise<T>, ms: number): Promise<"settled" | "pending"> {
  let timer: NodeJS.Timeout | undefined;
  const pending = new Promise<"pending">((resolve) => {
    timer = setTimeout(() => resolve("pending"), ms);
  });
  const settled = promise.then(
    () => "settled" as const,
    () => "settled" as const,
  );
  try {
    return await Promise.race([settled, pending]);
  } finally {
    clearTimeout(timer);
  }
}
