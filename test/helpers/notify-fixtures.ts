import { randomUUID } from "node:crypto";
import type { Db } from "../../lib/db";
import type { OutboxBatch } from "../../lib/outbox/outbox-batch";

/**
 * Minimal rows for notification tests, written with Prisma directly so these tests do not
 * depend on the Q&A domain functions. Events go through the real outbox path (OutboxBatch).
 */
export async function makeUser(db: Db, username: string, extra: { banned?: boolean; banExpires?: Date } = {}) {
  const id = randomUUID();
  return db.user.create({
    data: { id, name: username, email: `${username}@example.test`, username: username.toLowerCase(), ...extra },
    select: { id: true, username: true },
  });
}

export async function makeQuestion(db: Db, authorId: string, body = "Question body", outbox?: OutboxBatch) {
  return db.$transaction(async (tx) => {
    const question = await tx.question.create({ data: { title: `Question ${randomUUID().slice(0, 8)}`, body, authorId } });
    await outbox?.add(tx, "question.created", { questionId: question.id, actorId: authorId });
    return question;
  });
}

export async function makeAnswer(db: Db, questionId: number, authorId: string, body = "An answer", outbox?: OutboxBatch) {
  return db.$transaction(async (tx) => {
    const answer = await tx.answer.create({ data: { questionId, authorId, body } });
    await outbox?.add(tx, "answer.created", { answerId: answer.id, questionId, actorId: authorId });
    return answer;
  });
}

export async function follow(db: Db, userId: string, questionId: number) {
  await db.follow.create({ data: { userId, questionId } });
}

/** Polls until `check` is truthy or the deadline passes (then throws with `what`). */
export async function waitFor<T>(what: string, check: () => Promise<T>, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** unreadCount must equal the number of unread rows, for every user. Returns the mismatches. */
export async function unreadCountMismatches(db: Db): Promise<Array<{ id: string; unreadCount: number; actual: number }>> {
  return db.$queryRaw`
    SELECT u.id, u."unreadCount", COALESCE(n.actual, 0)::int AS actual FROM "user" u
    LEFT JOIN (SELECT "userId", count(*) AS actual FROM notification WHERE "readAt" IS NULL GROUP BY "userId") n
      ON n."userId" = u.id
    WHERE u."unreadCount" <> COALESCE(n.actual, 0)`;
}
