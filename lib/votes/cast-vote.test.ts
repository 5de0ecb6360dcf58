import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db";
import { checkIntegrity } from "../integrity/check-integrity";
import { createTestUser } from "../../test/helpers/fixtures";
import { createMigratedTestDatabase } from "../../test/helpers/migrated-test-database";
import type { TestDatabase } from "../../test/helpers/test-database";
import { createPost, ledgerSum, openTransaction, reputationOf, settledWithin } from "../../test/helpers/vote-fixtures";
import { EVENT_PAYLOAD_SCHEMAS } from "../events/event-types";
import { castVote } from "./cast-vote";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  // 50 concurrent voters: enough connections that they really contend in Postgres.
  db = createDb({ databaseUrl: database.url, max: 20 });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const vote = (actor: Parameters<typeof castVote>[0]["actor"], targetType: "question" | "answer", targetId: number, value: number) =>
  castVote({ db, actor, input: { targetType, targetId, value } });

async function expectNoDrift() {
  expect((await checkIntegrity({ db })).drift).toEqual([]);
}

describe("castVote: the rules", () => {
  it("question: upvote +10, change to downvote reverses it and costs −2, downvoting is free, retract restores", async () => {
    const { asker, questionId } = await createPost(db);
    const voter = await createTestUser(db);

    expect(await vote(voter, "question", questionId, 1)).toMatchObject({ voteScore: 1, myVote: 1, previousValue: 0 });
    expect(await reputationOf(db, asker.id)).toBe(11);

    expect(await vote(voter, "question", questionId, -1)).toMatchObject({ voteScore: -1, myVote: -1, previousValue: 1 });
    expect(await ledgerSum(db, asker.id)).toBe(-2);
    expect(await reputationOf(db, asker.id)).toBe(1); // max(1, 1 − 2)
    expect(await ledgerSum(db, voter.id)).toBe(0); // downvoting a question is free

    expect(await vote(voter, "question", questionId, 0)).toMatchObject({ voteScore: 0, myVote: 0, previousValue: -1 });
    expect(await ledgerSum(db, asker.id)).toBe(0);
    expect(await db.vote.count({ where: { questionId } })).toBe(0);

    const rows = await db.reputationEvent.findMany({ where: { questionId }, orderBy: { id: "asc" }, select: { userId: true, reason: true, amount: true, reversesId: true } });
    expect(rows.map((row) => [row.reason, row.amount, row.reversesId !== null])).toEqual([
      ["question_upvoted", 10, false],
      ["question_upvoted", -10, true],
      ["post_downvoted", -2, false],
      ["post_downvoted", 2, true],
    ]);
    await expectNoDrift();
  });

  it("answer: upvote +10, downvote −2 to the author and −1 to the voter, retract reverses both", async () => {
    const { answerer, answerId } = await createPost(db);
    const voter = await createTestUser(db);
    await vote(voter, "answer", answerId, 1);
    expect(await reputationOf(db, answerer.id)).toBe(11);

    // give the voter some reputation so the −1 is visible above the floor
    const { questionId: votersQuestion } = await createPost(db);
    await db.question.update({ where: { id: votersQuestion }, data: { authorId: voter.id } });
    await vote(await createTestUser(db), "question", votersQuestion, 1);
    expect(await reputationOf(db, voter.id)).toBe(11);

    expect(await vote(voter, "answer", answerId, -1)).toMatchObject({ voteScore: -1, myVote: -1 });
    expect(await ledgerSum(db, answerer.id)).toBe(-2);
    expect(await reputationOf(db, voter.id)).toBe(10);

    await vote(voter, "answer", answerId, 0);
    expect(await ledgerSum(db, answerer.id)).toBe(0);
    expect(await reputationOf(db, voter.id)).toBe(11);
    await expectNoDrift();
  });

  it("the floor is only a view: a user at 1 who is downvoted stays 1, and the ledger still counts it", async () => {
    const { answerer, answerId } = await createPost(db);
    const downvoter = await createTestUser(db);
    const upvoter = await createTestUser(db);

    await vote(downvoter, "answer", answerId, -1);
    expect(await reputationOf(db, answerer.id)).toBe(1);
    expect(await ledgerSum(db, answerer.id)).toBe(-2);

    await vote(upvoter, "answer", answerId, 1);
    expect(await reputationOf(db, answerer.id)).toBe(9); // 1 − 2 + 10, not 1 + 10
    await vote(downvoter, "answer", answerId, 0);
    expect(await reputationOf(db, answerer.id)).toBe(11); // retracting gives back exactly the −2
    await expectNoDrift();
  });

  it("casting the same vote again changes nothing", async () => {
    const { questionId } = await createPost(db);
    const voter = await createTestUser(db);
    await vote(voter, "question", questionId, 1);
    const before = await db.reputationEvent.count();
    expect(await vote(voter, "question", questionId, 1)).toMatchObject({ voteScore: 1, myVote: 1, previousValue: 1 });
    expect(await vote(await createTestUser(db), "question", questionId, 0)).toMatchObject({ voteScore: 1, myVote: 0 });
    expect(await db.reputationEvent.count()).toBe(before);
  });

  it("refuses own posts (403), missing and deleted posts (404), banned or anonymous voters, bad values (400)", async () => {
    const { asker, answerer, questionId, answerId } = await createPost(db);
    const voter = await createTestUser(db);
    await expect(vote(answerer, "answer", answerId, 1)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(vote(asker, "question", questionId, -1)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(vote(voter, "answer", 999_999, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(vote(voter, "question", 999_999, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const value of [2, -2, 0.5]) await expect(vote(voter, "answer", answerId, value)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(castVote({ db, actor: voter, input: { targetType: "comment", targetId: answerId, value: 1 } })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(vote(await createTestUser(db, { banned: true }), "answer", answerId, 1)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(vote(null, "answer", answerId, 1)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });

    await db.answer.update({ where: { id: answerId }, data: { deletedAt: new Date() } });
    await db.question.update({ where: { id: questionId }, data: { answerCount: 0 } });
    await expect(vote(voter, "answer", answerId, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.vote.count({ where: { answerId } })).toBe(0);
  });

  it("records the vote.cast event with the vote, in one statement: one per change, none for no-ops or refusals", async () => {
    const { asker, questionId } = await createPost(db);
    const voter = await createTestUser(db);
    const events = () => db.outbox.findMany({ where: { type: "vote.cast", payload: { path: ["targetId"], equals: questionId } }, orderBy: { id: "asc" } });

    const cast = await vote(voter, "question", questionId, 1);
    expect(cast.event).toMatchObject({ type: "vote.cast", id: expect.any(BigInt) });
    const [row] = await events();
    expect(row.id).toBe(cast.event!.id);
    expect(row.status).toBe("pending");
    expect(row.createdAt.getTime()).toBe(cast.event!.createdAt.getTime()); // the relay derives the same job id
    expect(EVENT_PAYLOAD_SCHEMAS["vote.cast"].parse(row.payload)).toEqual({
      targetType: "question", targetId: questionId, value: 1, previousValue: 0, authorId: asker.id, questionId, actorId: voter.id,
    });

    expect((await vote(voter, "question", questionId, 1)).event).toBeNull(); // the same vote again: nothing changed
    await expect(vote(asker, "question", questionId, 1)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await events()).toHaveLength(1);
    expect((await vote(voter, "question", questionId, 0)).event).not.toBeNull();
    expect((await events()).map((event) => (event.payload as { value: number }).value)).toEqual([1, 0]);
    await expectNoDrift();
  });
});

describe("castVote: the daily cap", () => {
  it("25 upvotes in a day give +200, not +250; retracting reverses only what each vote granted", async () => {
    const { answerer, answerId } = await createPost(db);
    const voters = await Promise.all(Array.from({ length: 25 }, () => createTestUser(db)));
    for (const voter of voters) await vote(voter, "answer", answerId, 1);
    expect(await reputationOf(db, answerer.id)).toBe(201);
    const granted = await db.reputationEvent.findMany({ where: { answerId, reason: "answer_upvoted" }, orderBy: { id: "asc" }, select: { requested: true, amount: true } });
    expect(granted.map((row) => row.amount)).toEqual([...Array(20).fill(10), 0, 0, 0, 0, 0]);
    expect(granted.every((row) => row.requested === 10)).toBe(true);

    await vote(voters[24], "answer", answerId, 0); // was granted 0
    expect(await reputationOf(db, answerer.id)).toBe(201);
    await vote(voters[0], "answer", answerId, 0); // was granted 10
    expect(await reputationOf(db, answerer.id)).toBe(191);
    // that freed 10 of today's room: the next upvote is granted again
    await vote(voters[24], "answer", answerId, 1);
    expect(await reputationOf(db, answerer.id)).toBe(201);
    await vote(voters[0], "answer", answerId, 1);
    expect(await reputationOf(db, answerer.id)).toBe(201);
    await expectNoDrift();
  });

  it("downvotes are not capped, and taking back an earlier day's grant makes no room today", async () => {
    const { answerer, answerId, questionId } = await createPost(db);
    const early = await Promise.all(Array.from({ length: 5 }, () => createTestUser(db)));
    for (const voter of early) await vote(voter, "answer", answerId, 1);
    // those 50 were granted yesterday
    await db.$executeRaw`UPDATE "reputation_event" SET "createdAt" = "createdAt" - interval '1 day' WHERE "userId" = ${answerer.id}`;

    const today = await Promise.all(Array.from({ length: 21 }, () => createTestUser(db)));
    for (const voter of today) await vote(voter, "answer", answerId, 1);
    expect(await reputationOf(db, answerer.id)).toBe(1 + 50 + 200);

    await vote(early[0], "answer", answerId, 0); // reverses yesterday's +10 today
    expect(await reputationOf(db, answerer.id)).toBe(241);
    await vote(early[0], "answer", answerId, 1); // today is still full
    expect(await reputationOf(db, answerer.id)).toBe(241);

    // a question upvote counts against the same daily cap; a downvote still costs its −2
    await db.question.update({ where: { id: questionId }, data: { authorId: answerer.id } });
    await vote(today[0], "question", questionId, 1);
    expect(await reputationOf(db, answerer.id)).toBe(241);
    await vote(today[0], "question", questionId, -1);
    expect(await reputationOf(db, answerer.id)).toBe(239);
    await expectNoDrift();
  });
});

describe("castVote: concurrency", () => {
  it("50 concurrent upvoters, then 25 concurrent retractions: exact scores, capped reputation, zero drift", async () => {
    const { answerer, answerId } = await createPost(db);
    const voters = await Promise.all(Array.from({ length: 50 }, () => createTestUser(db)));
    const results = await Promise.all(voters.map((actor) => vote(actor, "answer", answerId, 1)));
    expect(results.map((result) => result.voteScore).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect((await db.answer.findUniqueOrThrow({ where: { id: answerId } })).voteScore).toBe(50);
    expect(await reputationOf(db, answerer.id)).toBe(1 + 200);

    await Promise.all(voters.slice(0, 25).map((actor) => vote(actor, "answer", answerId, 0)));
    expect((await db.answer.findUniqueOrThrow({ where: { id: answerId } })).voteScore).toBe(25);
    expect((await db.vote.aggregate({ where: { answerId }, _sum: { value: true } }))._sum.value).toBe(25);
    // whichever 25 of the 50 were granted, the remaining votes never give more than the cap
    expect(await reputationOf(db, answerer.id)).toBeLessThanOrEqual(201);
    await expectNoDrift();
  });

  it("one user's concurrent casts on one post serialise: the last one wins, nothing is counted twice", async () => {
    const { answerId } = await createPost(db);
    const voter = await createTestUser(db);
    const values = Array.from({ length: 30 }, (_, i) => [1, -1, 0][i % 3]);
    await Promise.all(values.map((value) => vote(voter, "answer", answerId, value)));
    const votes = await db.vote.findMany({ where: { answerId } });
    const answer = await db.answer.findUniqueOrThrow({ where: { id: answerId } });
    expect(votes.length).toBeLessThanOrEqual(1);
    expect(answer.voteScore).toBe(votes[0]?.value ?? 0);
    await expectNoDrift();
  });

  it("doesn't wait on foreign-key locks: someone inserting a row that points at the voter doesn't block the vote", async () => {
    const { answerId } = await createPost(db);
    const voter = await createTestUser(db);
    // What an insert referencing the user holds until it commits (e.g. an answer being posted).
    const other = await openTransaction(database.url);
    await other.query(`SELECT 1 FROM "user" WHERE "id" = $1 FOR KEY SHARE`, [voter.id]);
    try {
      expect(await settledWithin(vote(voter, "answer", answerId, -1), 3000)).toBe("settled");
    } finally {
      await other.commit();
    }
    expect((await db.answer.findUniqueOrThrow({ where: { id: answerId } })).voteScore).toBe(-1);
  });

  it("a vote racing a moderator's delete of the post is refused once the delete commits", async () => {
    const { answerId } = await createPost(db);
    const voter = await createTestUser(db);
    const moderator = await openTransaction(database.url);
    await moderator.query(`SELECT 1 FROM "answer" WHERE "id" = $1 FOR UPDATE`, [answerId]);
    await moderator.query(`UPDATE "answer" SET "deletedAt" = now() WHERE "id" = $1`, [answerId]);
    const racing = vote(voter, "answer", answerId, 1);
    expect(await settledWithin(racing, 300)).toBe("pending"); // waits for the post's row lock
    await moderator.commit();
    await expect(racing).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.vote.count({ where: { answerId } })).toBe(0);
    expect(await db.reputationEvent.count({ where: { answerId } })).toBe(0);
  });
});
