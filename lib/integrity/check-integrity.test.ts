import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acceptAnswer } from "../answers/accept-answer";
import { createDb, type Db } from "../db";
import { castVote } from "../votes/cast-vote";
import { createTestUser } from "../../test/helpers/fixtures";
import { createMigratedTestDatabase } from "../../test/helpers/migrated-test-database";
import type { TestDatabase } from "../../test/helpers/test-database";
import { addAnswer, createPost } from "../../test/helpers/vote-fixtures";
import { checkIntegrity } from "./check-integrity";

let database: TestDatabase;
let db: Db;

// A fresh database per test: checkIntegrity looks at everything, and the tests corrupt it.
beforeEach(async () => {
  database = await createMigratedTestDatabase();
  db = createDb({ databaseUrl: database.url, max: 20 });
  site = await activity();
});
afterEach(async () => {
  await db?.$disconnect();
  await database?.drop();
});

/** A small site with every kind of source row: votes both ways on both kinds of post, capped grants, an accept. */
async function activity() {
  const post = await createPost(db, { tags: ["integrity", "ledger"] });
  const voters = await Promise.all(Array.from({ length: 22 }, () => createTestUser(db)));
  for (const voter of voters) await castVote({ db, actor: voter, input: { targetType: "answer", targetId: post.answerId, value: 1 } });
  await castVote({ db, actor: voters[0], input: { targetType: "answer", targetId: post.answerId, value: -1 } });
  await castVote({ db, actor: voters[1], input: { targetType: "question", targetId: post.questionId, value: 1 } });
  await castVote({ db, actor: voters[2], input: { targetType: "question", targetId: post.questionId, value: -1 } });
  await castVote({ db, actor: voters[3], input: { targetType: "answer", targetId: post.answerId, value: 0 } });
  const second = await addAnswer(db, post.questionId, voters[4]);
  await acceptAnswer({ db, actor: post.asker, answerId: second });
  await acceptAnswer({ db, actor: post.asker, answerId: post.answerId });
  return { ...post, voters, second };
}

let site: Awaited<ReturnType<typeof activity>>;

describe("checkIntegrity", () => {
  it("finds no drift after real activity, and says how much it checked", async () => {
    const report = await checkIntegrity({ db });
    expect(report.drift).toEqual([]);
    expect(report.fixed).toBe(false);
    expect(report.checked).toEqual({
      questions: await db.question.count(),
      answers: await db.answer.count(),
      tags: await db.tag.count(),
      users: await db.user.count(),
      votes: await db.vote.count(),
      ledgerRows: await db.reputationEvent.count(),
    });
    expect(report.checked.ledgerRows).toBeGreaterThan(20);
  });

  it("reports each drifted cached aggregate; fix repairs them all", async () => {
    const { questionId, answerId, answerer } = site;
    await db.$executeRaw`UPDATE "question" SET "voteScore" = 7, "answerCount" = 9 WHERE "id" = ${questionId}`;
    await db.$executeRaw`UPDATE "answer" SET "voteScore" = 42 WHERE "id" = ${answerId}`;
    await db.$executeRaw`UPDATE "tag" SET "questionCount" = 5 WHERE "name" = 'ledger'`;
    await db.$executeRaw`UPDATE "user" SET "reputation" = 1000 WHERE "id" = ${answerer.id}`;
    const answerScore = (await db.vote.aggregate({ where: { answerId }, _sum: { value: true } }))._sum.value;
    const answererSum = (await db.reputationEvent.aggregate({ where: { userId: answerer.id }, _sum: { amount: true } }))._sum.amount ?? 0;

    const report = await checkIntegrity({ db, fix: true });
    expect(report.fixed).toBe(true);
    expect(report.drift).toEqual(expect.arrayContaining([
      { kind: "questionVoteScore", id: String(questionId), expected: 0, actual: 7 },
      { kind: "answerCount", id: String(questionId), expected: 2, actual: 9 },
      { kind: "answerVoteScore", id: String(answerId), expected: answerScore, actual: 42 },
      { kind: "tagCount", id: "ledger", expected: 1, actual: 5 },
      { kind: "reputation", id: answerer.id, expected: Math.max(1, 1 + answererSum), actual: 1000 },
    ]));
    expect(report.drift).toHaveLength(5);
    expect((await checkIntegrity({ db })).drift).toEqual([]);
    expect((await db.answer.findUniqueOrThrow({ where: { id: answerId } })).voteScore).toBe(answerScore);
  });

  it("reports a live vote whose ledger rows are missing, and a gone vote whose rows were never reversed", async () => {
    const { voters, answerId, answerer } = site;
    const kept = await db.vote.findFirstOrThrow({ where: { answerId, userId: voters[5].id } });
    await db.reputationEvent.deleteMany({ where: { voteId: kept.id } });
    // a vote deleted behind the ledger's back
    const gone = await db.vote.findFirstOrThrow({ where: { answerId, userId: voters[6].id } });
    await db.vote.delete({ where: { id: gone.id } });
    await db.$executeRaw`UPDATE "answer" SET "voteScore" = "voteScore" - 1 WHERE "id" = ${answerId}`;

    const report = await checkIntegrity({ db, fix: true });
    expect(report.drift).toEqual(expect.arrayContaining([
      { kind: "ledger", id: `answer_upvoted:${kept.id}:${answerer.id}`, expected: 10, actual: 0 },
      { kind: "ledger", id: `answer_upvoted:${gone.id}:${answerer.id}`, expected: 0, actual: 10 },
    ]));
    // the ledger is append-only: fix only brings the cached reputation in line with it
    expect((await checkIntegrity({ db })).drift.map((d) => d.kind)).toEqual(["ledger", "ledger"]);
  });

  it("reports grants above the rule, gone sources that don't net to zero, and reversals that don't negate their row", async () => {
    const { voters, answerId, answerer } = site;
    const liveVote = await db.vote.findFirstOrThrow({ where: { answerId, userId: voters[10].id } });
    await db.$executeRaw`UPDATE "reputation_event" SET "amount" = 12 WHERE "voteId" = ${liveVote.id} AND "userId" = ${answerer.id}`;
    // voters[3] retracted a vote that had been granted 10: its reversal must take back exactly 10
    const retracted = await db.reputationEvent.findFirstOrThrow({ where: { userId: answerer.id, actorId: voters[3].id, reversesId: { not: null } } });
    expect(retracted.amount).toBe(-10);
    await db.$executeRaw`UPDATE "reputation_event" SET "amount" = -3 WHERE "id" = ${retracted.id}`;

    const report = await checkIntegrity({ db, fix: true });
    expect(report.drift).toEqual(expect.arrayContaining([
      { kind: "ledgerAmount", id: `answer_upvoted:${liveVote.id}:${answerer.id}`, expected: 10, actual: 12 },
      { kind: "ledgerAmount", id: `answer_upvoted:${retracted.voteId}:${answerer.id}`, expected: 0, actual: 7 },
      { kind: "reversal", id: String(retracted.id), expected: -10, actual: -3 },
      { kind: "reputation", id: answerer.id, expected: expect.any(Number), actual: expect.any(Number) },
    ]));
    expect(report.drift).toHaveLength(4);
    // the cached reputation follows the ledger; the ledger findings stay until someone corrects it
    expect((await checkIntegrity({ db })).drift.map((d) => d.kind).sort()).toEqual(["ledgerAmount", "ledgerAmount", "reversal"]);
  });

  it("fix is safe while votes keep coming: it locks each row before recomputing it", async () => {
    const { questionId, answerId } = site;
    await db.$executeRaw`UPDATE "answer" SET "voteScore" = -100 WHERE "id" = ${answerId}`;
    await db.$executeRaw`UPDATE "question" SET "voteScore" = 100 WHERE "id" = ${questionId}`;
    const voters = await Promise.all(Array.from({ length: 30 }, () => createTestUser(db)));
    await Promise.all([
      ...voters.map((actor, i) => castVote({ db, actor, input: { targetType: i % 2 ? "answer" : "question", targetId: i % 2 ? answerId : questionId, value: 1 } })),
      checkIntegrity({ db, fix: true }),
    ]);
    expect((await checkIntegrity({ db })).drift).toEqual([]);
  });
});
