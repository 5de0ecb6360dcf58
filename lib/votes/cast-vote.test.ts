import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnswer } from "../answers/create-answer";
import { acceptAnswer } from "../answers/accept-answer";
import { createDb, type Db } from "../db";
import { checkIntegrity } from "../integrity/check-integrity";
import { createQuestion } from "../questions/create-question";
import { createTestUser, LONG_BODY } from "../../test/helpers/fixtures";
import { createMigratedTestDatabase } from "../../test/helpers/migrated-test-database";
import type { TestDatabase } from "../../test/helpers/test-database";
import { castVote } from "./cast-vote";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createDb({ databaseUrl: database.url, max: 20 });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

async function reputation(userId: string) {
  return (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { reputation: true } })).reputation;
}

async function post() {
  const asker = await createTestUser(db);
  const answerer = await createTestUser(db);
  const question = await createQuestion({ db, actor: asker, input: { title: "A question about reputation rules", body: LONG_BODY, tags: ["rep"] } });
  const answer = await createAnswer({ db, actor: answerer, questionId: question.id, input: { body: LONG_BODY } });
  return { asker, answerer, question, answer };
}

describe("castVote and reputation", () => {
  it("applies each rule and reverses it exactly", async () => {
    const { asker, answerer, question, answer } = await post();
    const voter = await createTestUser(db);

    expect(await castVote({ db, actor: voter, input: { targetType: "question", targetId: question.id, value: 1 } })).toMatchObject({ voteScore: 1, myVote: 1 });
    expect(await reputation(asker.id)).toBe(11);
    await castVote({ db, actor: voter, input: { targetType: "question", targetId: question.id, value: -1 } });
    expect(await reputation(asker.id)).toBe(1); // 1 + 10 − 10 − 2 = −1 → floor 1
    expect(await reputation(voter.id)).toBe(1); // downvoting a question is free

    await castVote({ db, actor: voter, input: { targetType: "answer", targetId: answer.id, value: 1 } });
    expect(await reputation(answerer.id)).toBe(11);
    await castVote({ db, actor: voter, input: { targetType: "answer", targetId: answer.id, value: -1 } });
    expect(await reputation(answerer.id)).toBe(1);
    const voterLedger = await db.reputationEvent.aggregate({ where: { userId: voter.id }, _sum: { amount: true } });
    expect(voterLedger._sum.amount).toBe(-1); // −1 for downvoting an answer (shown as 1: the floor)

    const retract = await castVote({ db, actor: voter, input: { targetType: "answer", targetId: answer.id, value: 0 } });
    expect(retract).toMatchObject({ voteScore: 0, myVote: 0 });
    expect(await reputation(answerer.id)).toBe(1);
    expect((await db.reputationEvent.aggregate({ where: { userId: voter.id }, _sum: { amount: true } }))._sum.amount).toBe(0);

    // the floor is only a view: a later upvote counts from the true sum
    await castVote({ db, actor: voter, input: { targetType: "answer", targetId: answer.id, value: 1 } });
    expect(await reputation(answerer.id)).toBe(11);
    expect((await checkIntegrity({ db })).drift).toEqual([]);
  });

  it("refuses own posts, missing posts, banned voters and bad values", async () => {
    const { answerer, answer } = await post();
    await expect(castVote({ db, actor: answerer, input: { targetType: "answer", targetId: answer.id, value: 1 } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const voter = await createTestUser(db);
    await expect(castVote({ db, actor: voter, input: { targetType: "answer", targetId: 999999, value: 1 } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(castVote({ db, actor: voter, input: { targetType: "answer", targetId: answer.id, value: 2 } })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const banned = await createTestUser(db, { banned: true });
    await expect(castVote({ db, actor: banned, input: { targetType: "answer", targetId: answer.id, value: 1 } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(castVote({ db, actor: null, input: { targetType: "answer", targetId: answer.id, value: 1 } })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("accept gives +15/+2, toggles off, moves, and gives nothing for self-accept", async () => {
    const { asker, answerer, question, answer } = await post();
    expect(await acceptAnswer({ db, actor: asker, answerId: answer.id })).toMatchObject({ acceptedAnswerId: answer.id });
    expect([await reputation(answerer.id), await reputation(asker.id)]).toEqual([16, 3]);
    expect(await acceptAnswer({ db, actor: asker, answerId: answer.id })).toMatchObject({ acceptedAnswerId: null });
    expect([await reputation(answerer.id), await reputation(asker.id)]).toEqual([1, 1]);

    const other = await createTestUser(db);
    const second = await createAnswer({ db, actor: other, questionId: question.id, input: { body: LONG_BODY } });
    await acceptAnswer({ db, actor: asker, answerId: answer.id });
    await acceptAnswer({ db, actor: asker, answerId: second.id });
    expect([await reputation(answerer.id), await reputation(other.id), await reputation(asker.id)]).toEqual([1, 16, 3]);
    await expect(acceptAnswer({ db, actor: other, answerId: second.id })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const own = await createAnswer({ db, actor: asker, questionId: question.id, input: { body: LONG_BODY } });
    await acceptAnswer({ db, actor: asker, answerId: own.id });
    expect([await reputation(other.id), await reputation(asker.id)]).toEqual([1, 1]);
    expect((await checkIntegrity({ db })).drift).toEqual([]);
  });

  it("caps vote gains at +200 a day and reverses only what was granted", async () => {
    const { answerer, answer } = await post();
    const voters = await Promise.all(Array.from({ length: 25 }, () => createTestUser(db)));
    for (const voter of voters) await castVote({ db, actor: voter, input: { targetType: "answer", targetId: answer.id, value: 1 } });
    expect(await reputation(answerer.id)).toBe(201);
    await castVote({ db, actor: voters[24], input: { targetType: "answer", targetId: answer.id, value: 0 } }); // granted 0
    expect(await reputation(answerer.id)).toBe(201);
    await castVote({ db, actor: voters[0], input: { targetType: "answer", targetId: answer.id, value: 0 } }); // granted 10
    expect(await reputation(answerer.id)).toBe(191);
    expect((await checkIntegrity({ db })).drift).toEqual([]);
  });

  it("50 concurrent voters, then 25 concurrent retractions: exact scores, zero drift", async () => {
    const { answerer, answer } = await post();
    const voters = await Promise.all(Array.from({ length: 50 }, () => createTestUser(db)));
    await Promise.all(voters.map((actor) => castVote({ db, actor, input: { targetType: "answer", targetId: answer.id, value: 1 } })));
    expect((await db.answer.findUniqueOrThrow({ where: { id: answer.id } })).voteScore).toBe(50);
    expect(await reputation(answerer.id)).toBe(201);
    await Promise.all(voters.slice(0, 25).map((actor) => castVote({ db, actor, input: { targetType: "answer", targetId: answer.id, value: 0 } })));
    const after = await db.answer.findUniqueOrThrow({ where: { id: answer.id } });
    const sum = await db.vote.aggregate({ where: { answerId: answer.id }, _sum: { value: true } });
    expect(after.voteScore).toBe(25);
    expect(sum._sum.value).toBe(25);
    expect((await checkIntegrity({ db })).drift).toEqual([]);
  });

  it("integrity reports drift and fixes cached aggregates", async () => {
    const { answer } = await post();
    await db.$executeRaw`UPDATE "answer" SET "voteScore" = 42 WHERE "id" = ${answer.id}`;
    const report = await checkIntegrity({ db, fix: true });
    expect(report.drift).toContainEqual({ kind: "answerVoteScore", id: String(answer.id), expected: 0, actual: 42 });
    expect((await checkIntegrity({ db })).drift).toEqual([]);
  });
});
