import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedis } from "../redis";
import { createDb, type Db } from "../db";
import { checkRateLimit } from "../rate-limit/check-rate-limit";
import { listTags } from "../tags/list-tags";
import { createAnswer } from "../answers/create-answer";
import { listAnswers } from "../answers/list-answers";
import { castVote } from "../votes/cast-vote";
import { createTestUser, LONG_BODY } from "../../test/helpers/fixtures";
import { createMigratedTestDatabase } from "../../test/helpers/migrated-test-database";
import type { TestDatabase } from "../../test/helpers/test-database";
import { createQuestion } from "./create-question";
import { getQuestion } from "./get-question";
import { listQuestions, type QuestionSort } from "./list-questions";
import { updateQuestion } from "./update-question";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createDb({ databaseUrl: database.url });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const valid = { title: "How do I configure the thing properly?", body: LONG_BODY, tags: ["config"] };

describe("validation (each rule → 400 with its field)", () => {
  const cases: Array<[string, object, string]> = [
    ["title too short", { title: "Too short" }, "title"],
    ["title too long", { title: "x".repeat(151) }, "title"],
    ["body too short", { body: "short" }, "body"],
    ["body too long", { body: "x".repeat(30_001) }, "body"],
    ["no tags", { tags: [] }, "tags"],
    ["six tags", { tags: ["a", "b", "c", "d", "e", "f"] }, "tags"],
    ["bad tag", { tags: ["-bad"] }, "tags"],
    ["tag with space", { tags: ["two words"] }, "tags"],
    ["tag too long", { tags: ["a".repeat(36)] }, "tags"],
    ["missing title", { title: undefined }, "title"],
  ];
  it.each(cases)("%s", async (_name, change, field) => {
    const actor = await createTestUser(db);
    await expect(createQuestion({ db, actor, input: { ...valid, ...change } })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { fields: expect.objectContaining({ [field]: expect.any(String) }) },
    });
  });

  it("normalises tags (lower-case, deduplicated) and counts them", async () => {
    const actor = await createTestUser(db);
    const created = await createQuestion({ db, actor, input: { ...valid, tags: ["C++", "c++", "Node.js"] } });
    expect(created.tags).toEqual(["c++", "node.js"]);
    expect((await db.tag.findUniqueOrThrow({ where: { name: "c++" } })).questionCount).toBeGreaterThanOrEqual(1);
    await updateQuestion({ db, actor, questionId: created.id, input: { tags: ["node.js"] } });
    expect((await db.tag.findUniqueOrThrow({ where: { name: "c++" } })).questionCount).toBe(0);
  });
});

describe("lists and search", () => {
  let ids: number[] = [];
  beforeAll(async () => {
    const actor = await createTestUser(db);
    const voter = await createTestUser(db);
    ids = [];
    for (let i = 0; i < 12; i++) {
      const q = await createQuestion({ db, actor, input: { title: `Pagination question number ${i} here`, body: LONG_BODY, tags: ["paging", i % 2 ? "odd" : "even"] } });
      ids.push(q.id);
      if (i % 3 === 0) await castVote({ db, actor: voter, input: { targetType: "question", targetId: q.id, value: 1 } });
    }
    await createAnswer({ db, actor: voter, questionId: ids[5], input: { body: LONG_BODY } });
  });

  it.each(["newest", "votes", "active", "unanswered"] as QuestionSort[])("%s: pages have no duplicates and no gaps", async (sort) => {
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listQuestions({ db, sort, tag: "paging", limit: 5, cursor });
      seen.push(...page.items.map((q) => q.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(sort === "unanswered" ? 11 : 12);
    if (sort === "votes") expect(seen.slice(0, 4).sort()).toEqual([ids[0], ids[3], ids[6], ids[9]].sort());
  });

  it("ranks a title match above a body-only match, and filters by tag", async () => {
    const actor = await createTestUser(db);
    const inBody = await createQuestion({ db, actor, input: { title: "Something unrelated to look for", body: `${LONG_BODY} kubernetes appears only here`, tags: ["search"] } });
    const inTitle = await createQuestion({ db, actor, input: { title: "Kubernetes pods keep restarting", body: LONG_BODY, tags: ["search", "k8s"] } });
    const results = await listQuestions({ db, q: "kubernetes" });
    expect(results.items.map((q) => q.id)).toEqual([inTitle.id, inBody.id]);
    const tagged = await listQuestions({ db, q: "kubernetes", tag: "k8s" });
    expect(tagged.items.map((q) => q.id)).toEqual([inTitle.id]);
    expect((await listQuestions({ db, q: "nonexistentword" })).items).toEqual([]);
  });

  it("suggests tags by prefix and with typos (pg_trgm)", async () => {
    const actor = await createTestUser(db);
    await createQuestion({ db, actor, input: { ...valid, tags: ["javascript"] } });
    expect((await listTags({ db, q: "java" })).items.map((t) => t.name)).toContain("javascript");
    expect((await listTags({ db, q: "javscript" })).items.map((t) => t.name)).toContain("javascript");
  });

  it("answers: accepted first, then by votes; pages don't repeat", async () => {
    const asker = await createTestUser(db);
    const q = await createQuestion({ db, actor: asker, input: valid });
    const authors = await Promise.all([0, 1, 2, 3, 4].map(() => createTestUser(db)));
    const answers = [];
    for (const author of authors) answers.push(await createAnswer({ db, actor: author, questionId: q.id, input: { body: LONG_BODY } }));
    await castVote({ db, actor: asker, input: { targetType: "answer", targetId: answers[3].id, value: 1 } });
    await db.question.update({ where: { id: q.id }, data: { acceptedAnswerId: answers[4].id } });
    const first = await listAnswers({ db, questionId: q.id, limit: 2 });
    expect(first.items.map((a) => a.id)).toEqual([answers[4].id, answers[3].id]);
    const rest = await listAnswers({ db, questionId: q.id, limit: 10, cursor: first.nextCursor ?? undefined });
    expect(rest.items.map((a) => a.id)).toEqual([answers[0].id, answers[1].id, answers[2].id]);
    expect((await getQuestion({ db, id: q.id, actorId: asker.id })).following).toBe(true);
  });
});

describe("Redis is only a speed-up", () => {
  it("lists still work with Redis unreachable", async () => {
    const deadRedis = createRedis({ url: "redis://127.0.0.1:1", role: "producer" });
    deadRedis.on("error", () => {});
    try {
      const tags = await listTags({ db, redis: deadRedis, sort: "popular" });
      expect(tags.items.length).toBeGreaterThan(0);
      const trending = await listTags({ db, redis: deadRedis, sort: "trending" });
      expect(trending.items.length).toBeGreaterThan(0);
      // rate limiting fails open
      await checkRateLimit({ redis: deadRedis, keyPrefix: "t", actorId: "x", action: "vote" });
    } finally {
      deadRedis.disconnect();
    }
  });

  it("rate limits per user with a retry-after", async () => {
    const redis = createRedis({ url: "redis://127.0.0.1:6379", role: "producer" });
    const keyPrefix = `rl-test-${Date.now()}`;
    await new Promise((resolve) => redis.once("ready", resolve));
    try {
      for (let i = 0; i < 5; i++) await checkRateLimit({ redis, keyPrefix, actorId: "u1", action: "question" });
      await expect(checkRateLimit({ redis, keyPrefix, actorId: "u1", action: "question" })).rejects.toMatchObject({
        code: "RATE_LIMITED",
        details: { retryAfter: expect.any(Number) },
      });
      await checkRateLimit({ redis, keyPrefix, actorId: "u2", action: "question" });
    } finally {
      redis.disconnect();
    }
  });
});
