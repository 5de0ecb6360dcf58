import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createDb, type Db } from "@/lib/db";
import { setFollowing } from "@/lib/follows/set-following";
import { createQuestion } from "@/lib/questions/create-question";
import { getQuestion } from "@/lib/questions/get-question";
import { getUserProfile } from "@/lib/users/get-user-profile";
import { createMigratedTestDatabase } from "@/test/helpers/migrated-test-database";
import { appErrorOf, BODY, makeActor, questionInput, useTestConfig } from "@/test/helpers/qa-fixtures";
import type { TestDatabase } from "@/test/helpers/test-database";
import { createAnswer } from "./create-answer";
import { listAnswers, type AnswerSort } from "./list-answers";

useTestConfig({ redisPrefix: `test-ans-${process.pid}` });

describe("answers, follows and profiles", () => {
  let database: TestDatabase;
  let db: Db;
  let asker: Actor, answerer: Actor, reader: Actor, banned: Actor;

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    db = createDb({ databaseUrl: database.url });
    asker = await makeActor(db, "asker");
    answerer = await makeActor(db, "answerer");
    reader = await makeActor(db, "reader");
    banned = await makeActor(db, "banned", { banned: true });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it("createAnswer: counts, bumps activity, auto-follows, returns the Answer", async () => {
    const question = await createQuestion({ db, actor: asker, input: questionInput("answered") });
    const hooked: number[] = [];
    const answer = await createAnswer({
      db,
      actor: answerer,
      questionId: question.id,
      input: { body: `Try this: ${BODY}` },
      onWithinTransaction: async (tx, created) => {
        hooked.push(created.id);
        expect(await tx.answer.count({ where: { id: created.id } })).toBe(1);
      },
    });
    expect(answer).toMatchObject({
      questionId: question.id,
      body: `Try this: ${BODY}`,
      author: { username: "answerer", reputation: 1 },
      voteScore: 0,
      accepted: false,
      myVote: 0,
    });
    expect(answer.bodyHtml).toContain("<strong>markdown</strong>");
    expect(hooked).toEqual([answer.id]);
    const after = await getQuestion({ db, id: question.id, actorId: answerer.id });
    expect(after.answerCount).toBe(1);
    expect(after.following).toBe(true);
    expect(after.lastActivityAt.getTime()).toBeGreaterThanOrEqual(question.lastActivityAt.getTime());
  });

  it("createAnswer: a throwing hook writes nothing", async () => {
    const question = await createQuestion({ db, actor: asker, input: questionInput("hook-rollback") });
    await appErrorOf(createAnswer({ db, actor: answerer, questionId: question.id, input: { body: BODY }, onWithinTransaction: () => Promise.reject(new Error("boom")) }));
    expect((await getQuestion({ db, id: question.id })).answerCount).toBe(0);
    expect(await db.answer.count({ where: { questionId: question.id } })).toBe(0);
  });

  it("createAnswer refuses: anonymous 401, banned 403, short body 400, missing 404, closed/locked/deleted 409", async () => {
    const question = await createQuestion({ db, actor: asker, input: questionInput("refusals") });
    expect((await appErrorOf(createAnswer({ db, actor: null, questionId: question.id, input: { body: BODY } }))).code).toBe("UNAUTHENTICATED");
    expect((await appErrorOf(createAnswer({ db, actor: banned, questionId: question.id, input: { body: BODY } }))).code).toBe("FORBIDDEN");
    const short = await appErrorOf(createAnswer({ db, actor: answerer, questionId: question.id, input: { body: "too short" } }));
    expect(short).toMatchObject({ code: "VALIDATION_FAILED", details: { fields: { body: expect.any(String) } } });
    expect((await appErrorOf(createAnswer({ db, actor: answerer, questionId: 99_999_999, input: { body: BODY } }))).code).toBe("NOT_FOUND");
    for (const state of ["closedAt", "lockedAt", "deletedAt"] as const) {
      const q = await createQuestion({ db, actor: asker, input: questionInput(`refuse-${state}`) });
      await db.question.update({ where: { id: q.id }, data: { [state]: new Date() } });
      expect((await appErrorOf(createAnswer({ db, actor: answerer, questionId: q.id, input: { body: BODY } }))).code).toBe("CONFLICT");
      expect(await db.question.findUniqueOrThrow({ where: { id: q.id }, select: { answerCount: true } })).toEqual({ answerCount: 0 });
    }
  });

  describe("listAnswers", () => {
    let questionId: number;
    let acceptedId: number;
    const scores = [3, 0, 5, 0, -1, 3, 0, 2, 0, 1];
    beforeAll(async () => {
      questionId = (await createQuestion({ db, actor: asker, input: questionInput("many-answers") })).id;
      const ids: number[] = [];
      for (const [i, score] of scores.entries()) {
        const answer = await createAnswer({ db, actor: answerer, questionId, input: { body: `Answer ${i}: ${BODY}` } });
        await db.answer.update({ where: { id: answer.id }, data: { voteScore: score, createdAt: new Date(Date.parse("2026-02-01T00:00:00Z") + Math.floor(i / 2) * 1000) } });
        ids.push(answer.id);
      }
      // accept a low-scored one: it must still come first
      acceptedId = ids[4];
      await db.question.update({ where: { id: questionId }, data: { acceptedAnswerId: acceptedId } });
      await db.vote.create({ data: { userId: reader.id, answerId: ids[2], value: 1 } });
      await db.answer.update({ where: { id: ids[9] }, data: { deletedAt: new Date() } });
    });

    async function expected(sort: AnswerSort): Promise<number[]> {
      const rows = await db.answer.findMany({ where: { questionId, deletedAt: null }, select: { id: true, voteScore: true, createdAt: true } });
      if (sort === "newest") return rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id).map((r) => r.id);
      const rest = rows.filter((r) => r.id !== acceptedId).sort((a, b) => b.voteScore - a.voteScore || a.id - b.id);
      return [acceptedId, ...rest.map((r) => r.id)];
    }

    for (const sort of ["votes", "newest"] as const) {
      for (const limit of [1, 2, 3, 50]) {
        it(`sort=${sort}, limit=${limit}: no duplicates or gaps`, async () => {
          const ids: number[] = [];
          let cursor: string | null = null;
          do {
            const page = await listAnswers({ db, questionId, sort, limit, cursor });
            expect(page.items.length).toBeLessThanOrEqual(limit);
            ids.push(...page.items.map((a) => a.id));
            cursor = page.nextCursor;
          } while (cursor);
          expect(ids).toEqual(await expected(sort));
        });
      }
    }

    it("marks the accepted answer and the reader's votes; hides deleted answers", async () => {
      const page = await listAnswers({ db, questionId, actorId: reader.id, limit: 50 });
      expect(page.items[0]).toMatchObject({ id: acceptedId, accepted: true });
      expect(page.items.filter((a) => a.accepted)).toHaveLength(1);
      expect(page.items.find((a) => a.voteScore === 5)?.myVote).toBe(1);
      expect(page.items.filter((a) => a.myVote !== 0)).toHaveLength(1);
      expect(page.items).toHaveLength(9);
    });

    it("404s for missing or deleted questions; 400 for a cursor from the other sort", async () => {
      expect((await appErrorOf(listAnswers({ db, questionId: 99_999_999 }))).code).toBe("NOT_FOUND");
      const newest = await listAnswers({ db, questionId, sort: "newest", limit: 2 });
      expect((await appErrorOf(listAnswers({ db, questionId, sort: "votes", cursor: newest.nextCursor }))).code).toBe("VALIDATION_FAILED");
    });
  });

  it("follow / unfollow are idempotent and need a live question and a writer", async () => {
    const question = await createQuestion({ db, actor: asker, input: questionInput("follow") });
    expect(await setFollowing({ db, actor: reader, questionId: question.id, following: true })).toEqual({ following: true });
    expect(await setFollowing({ db, actor: reader, questionId: question.id, following: true })).toEqual({ following: true });
    expect(await db.follow.count({ where: { questionId: question.id, userId: reader.id } })).toBe(1);
    expect(await setFollowing({ db, actor: reader, questionId: question.id, following: false })).toEqual({ following: false });
    expect(await setFollowing({ db, actor: reader, questionId: question.id, following: false })).toEqual({ following: false });
    expect((await getQuestion({ db, id: question.id, actorId: reader.id })).following).toBe(false);
    expect((await appErrorOf(setFollowing({ db, actor: null, questionId: question.id, following: true }))).code).toBe("UNAUTHENTICATED");
    expect((await appErrorOf(setFollowing({ db, actor: banned, questionId: question.id, following: true }))).code).toBe("FORBIDDEN");
    expect((await appErrorOf(setFollowing({ db, actor: reader, questionId: 99_999_999, following: true }))).code).toBe("NOT_FOUND");
  });

  it("getUserProfile: counts and recent posts; NOT_FOUND for unknown users", async () => {
    const profile = await getUserProfile({ db, username: "answerer" });
    const answers = await db.answer.count({ where: { authorId: answerer.id, deletedAt: null } });
    expect(profile).toMatchObject({ username: "answerer", name: "answerer", reputation: 1, role: "user", questionCount: 0, answerCount: answers });
    expect(profile.recentAnswers.length).toBe(Math.min(answers, 10));
    const askerProfile = await getUserProfile({ db, username: "ASKER" });
    expect(askerProfile.questionCount).toBe(await db.question.count({ where: { authorId: asker.id, deletedAt: null } }));
    expect(askerProfile.recentQuestions[0]).toMatchObject({ id: expect.any(Number), title: expect.any(String) });
    expect((await appErrorOf(getUserProfile({ db, username: "nobody-here" }))).code).toBe("NOT_FOUND");
  });
});
