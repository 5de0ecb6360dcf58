import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db";
import { checkIntegrity } from "../integrity/check-integrity";
import { castVote } from "../votes/cast-vote";
import { createTestUser } from "../../test/helpers/fixtures";
import { createMigratedTestDatabase } from "../../test/helpers/migrated-test-database";
import type { TestDatabase } from "../../test/helpers/test-database";
import { addAnswer, createPost, ledgerSum, openTransaction, reputationOf, settledWithin } from "../../test/helpers/vote-fixtures";
import { acceptAnswer } from "./accept-answer";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createDb({ databaseUrl: database.url, max: 10 });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

async function expectNoDrift() {
  expect((await checkIntegrity({ db })).drift).toEqual([]);
}

describe("acceptAnswer", () => {
  it("+15 to the answerer and +2 to the asker; accepting again un-accepts and reverses both", async () => {
    const { asker, answerer, questionId, answerId } = await createPost(db);
    expect(await acceptAnswer({ db, actor: asker, answerId })).toMatchObject({ acceptedAnswerId: answerId, accepted: true, questionId, answerAuthorId: answerer.id });
    expect((await db.question.findUniqueOrThrow({ where: { id: questionId } })).acceptedAnswerId).toBe(answerId);
    expect([await reputationOf(db, answerer.id), await reputationOf(db, asker.id)]).toEqual([16, 3]);

    expect(await acceptAnswer({ db, actor: asker, answerId })).toMatchObject({ acceptedAnswerId: null, accepted: false });
    expect((await db.question.findUniqueOrThrow({ where: { id: questionId } })).acceptedAnswerId).toBeNull();
    expect([await ledgerSum(db, answerer.id), await ledgerSum(db, asker.id)]).toEqual([0, 0]);
    const rows = await db.reputationEvent.findMany({ where: { answerId }, orderBy: { id: "asc" }, select: { reason: true, amount: true, reversesId: true } });
    expect(rows.map((row) => [row.reason, row.amount, row.reversesId !== null])).toEqual([
      ["answer_accepted", 15, false],
      ["accepted_answer", 2, false],
      ["answer_accepted", -15, true],
      ["accepted_answer", -2, true],
    ]);
    await expectNoDrift();
  });

  it("moving the accept reverses the old answer's rows and grants the new one", async () => {
    const { asker, answerer, questionId, answerId } = await createPost(db);
    const other = await createTestUser(db);
    const second = await addAnswer(db, questionId, other);
    await acceptAnswer({ db, actor: asker, answerId });
    expect(await acceptAnswer({ db, actor: asker, answerId: second })).toMatchObject({ acceptedAnswerId: second });
    expect([await reputationOf(db, answerer.id), await reputationOf(db, other.id), await reputationOf(db, asker.id)]).toEqual([1, 16, 3]);
    await acceptAnswer({ db, actor: asker, answerId });
    expect([await reputationOf(db, answerer.id), await reputationOf(db, other.id), await reputationOf(db, asker.id)]).toEqual([16, 1, 3]);
    await expectNoDrift();
  });

  it("accepting your own answer gives nobody anything; moving away from it and back is exact", async () => {
    const { asker, answerer, questionId, answerId } = await createPost(db);
    const own = await addAnswer(db, questionId, asker);
    expect(await acceptAnswer({ db, actor: asker, answerId: own })).toMatchObject({ acceptedAnswerId: own });
    expect(await ledgerSum(db, asker.id)).toBe(0);
    expect(await db.reputationEvent.count({ where: { answerId: own } })).toBe(0);

    await acceptAnswer({ db, actor: asker, answerId });
    expect([await reputationOf(db, answerer.id), await reputationOf(db, asker.id)]).toEqual([16, 3]);
    await acceptAnswer({ db, actor: asker, answerId: own });
    expect([await ledgerSum(db, answerer.id), await ledgerSum(db, asker.id)]).toEqual([0, 0]);
    await expectNoDrift();
  });

  it("is exempt from the daily vote cap", async () => {
    const { asker, answerer, answerId } = await createPost(db);
    const voters = await Promise.all(Array.from({ length: 21 }, () => createTestUser(db)));
    for (const voter of voters) await castVote({ db, actor: voter, input: { targetType: "answer", targetId: answerId, value: 1 } });
    expect(await reputationOf(db, answerer.id)).toBe(201);
    await acceptAnswer({ db, actor: asker, answerId });
    expect(await reputationOf(db, answerer.id)).toBe(216);
    await expectNoDrift();
  });

  it("only the asker may accept (403); banned or anonymous actors and missing or deleted answers are refused", async () => {
    const { asker, answerer, questionId, answerId } = await createPost(db);
    await expect(acceptAnswer({ db, actor: answerer, answerId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(acceptAnswer({ db, actor: await createTestUser(db, { role: "moderator" }), answerId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(acceptAnswer({ db, actor: { ...asker, banned: true }, answerId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(acceptAnswer({ db, actor: null, answerId })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(acceptAnswer({ db, actor: asker, answerId: 999_999 })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await db.answer.update({ where: { id: answerId }, data: { deletedAt: new Date() } });
    await db.question.update({ where: { id: questionId }, data: { answerCount: 0 } });
    await expect(acceptAnswer({ db, actor: asker, answerId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.question.findUniqueOrThrow({ where: { id: questionId } })).acceptedAnswerId).toBeNull();
    expect(await ledgerSum(db, answerer.id)).toBe(0);
  });

  it("runs onWithinTransaction in the transaction: a throw there undoes the accept", async () => {
    const { asker, answerer, questionId, answerId } = await createPost(db);
    const seen: boolean[] = [];
    await acceptAnswer({ db, actor: asker, answerId, onWithinTransaction: async (_tx, result) => void seen.push(result.accepted) });
    await acceptAnswer({ db, actor: asker, answerId, onWithinTransaction: async (_tx, result) => void seen.push(result.accepted) });
    expect(seen).toEqual([true, false]);

    await expect(acceptAnswer({ db, actor: asker, answerId, onWithinTransaction: async () => {
      throw new Error("outbox unavailable");
    } })).rejects.toThrow("outbox unavailable");
    expect((await db.question.findUniqueOrThrow({ where: { id: questionId } })).acceptedAnswerId).toBeNull();
    expect(await reputationOf(db, answerer.id)).toBe(1);
    await expectNoDrift();
  });

  it("concurrent accepts of two answers serialise: one accept in place, the ledger exact", async () => {
    const { asker, questionId, answerId } = await createPost(db);
    const second = await addAnswer(db, questionId, await createTestUser(db));
    await Promise.all(Array.from({ length: 12 }, (_, i) => acceptAnswer({ db, actor: asker, answerId: i % 2 ? answerId : second })));
    const accepted = (await db.question.findUniqueOrThrow({ where: { id: questionId } })).acceptedAnswerId;
    const live = await db.reputationEvent.aggregate({ where: { questionId, reason: "answer_accepted" }, _sum: { amount: true } });
    expect(live._sum.amount).toBe(accepted === null ? 0 : 15);
    await expectNoDrift();
  });

  it("doesn't deadlock with a writer that holds a key-share lock on a user and then needs the question", async () => {
    const { asker, questionId, answerId } = await createPost(db);
    // e.g. a notification being written for the asker about this question: the FK checks take
    // KEY SHARE on the user row, then on the question row.
    const writer = await openTransaction(database.url);
    await writer.query(`SELECT 1 FROM "user" WHERE "id" = $1 FOR KEY SHARE`, [asker.id]);
    const accepting = acceptAnswer({ db, actor: asker, answerId });
    try {
      expect(await settledWithin(accepting, 3000)).toBe("settled");
      await writer.query(`SELECT 1 FROM "question" WHERE "id" = $1 FOR KEY SHARE`, [questionId]);
    } finally {
      await writer.commit();
    }
    await expect(accepting).resolves.toMatchObject({ acceptedAnswerId: answerId });
  });
});
