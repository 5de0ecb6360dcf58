import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import type { Actor } from "@/lib/auth/actor";
import { createDb, type Db } from "@/lib/db";
import { createMigratedTestDatabase } from "@/test/helpers/migrated-test-database";
import { appErrorOf, BODY, closeTestRedisPair, makeActor, questionInput, testRedisPair, useTestConfig } from "@/test/helpers/qa-fixtures";
import type { TestDatabase } from "@/test/helpers/test-database";
import { createQuestion } from "./create-question";
import { listQuestions, type QuestionSort } from "./list-questions";
import type { QuestionSummary } from "./types";

const prefix = `test-lq-${process.pid}-${Date.now()}`;
useTestConfig({ redisPrefix: prefix });

describe("listQuestions", () => {
  let database: TestDatabase;
  let db: Db;
  let author: Actor;
  const base = Date.parse("2026-01-01T00:00:00Z");

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    db = createDb({ databaseUrl: database.url });
    author = await makeActor(db, "lister");
    const tag = await db.tag.create({ data: { name: "paging", questionCount: 0 } });
    // 23 questions with deliberate ties on every sort key, so (key, id) ordering is exercised.
    for (let i = 0; i < 23; i++) {
      const question = await db.question.create({
        data: {
          title: `Paging question ${i}`,
          body: BODY,
          authorId: author.id,
          createdAt: new Date(base + Math.floor(i / 3) * 60_000),
          lastActivityAt: new Date(base + ((i * 7) % 5) * 60_000),
          voteScore: (i % 4) - 1,
          answerCount: i % 3 === 0 ? 0 : 2,
          deletedAt: i === 5 ? new Date() : null,
        },
      });
      if (i % 2 === 0) await db.questionTag.create({ data: { questionId: question.id, tagId: tag.id } });
    }
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  async function allPages(options: { sort?: QuestionSort; tag?: string; q?: string; limit: number }): Promise<QuestionSummary[]> {
    const items: QuestionSummary[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page = await listQuestions({ db, ...options, cursor });
      items.push(...page.items);
      if (!page.nextCursor) return items;
      expect(page.items).toHaveLength(options.limit);
      cursor = page.nextCursor;
    }
    throw new Error("pagination did not end");
  }

  async function expectedOrder(sort: QuestionSort, tag?: string): Promise<number[]> {
    const rows = await db.question.findMany({
      where: { deletedAt: null, ...(sort === "unanswered" ? { answerCount: 0 } : {}), ...(tag ? { tags: { some: { tag: { name: tag } } } } : {}) },
      select: { id: true, createdAt: true, voteScore: true, lastActivityAt: true },
    });
    const key = (r: (typeof rows)[number]) => (sort === "votes" ? r.voteScore : sort === "active" ? r.lastActivityAt.getTime() : r.createdAt.getTime());
    return rows.sort((a, b) => key(b) - key(a) || b.id - a.id).map((r) => r.id);
  }

  for (const sort of ["newest", "votes", "active", "unanswered"] as const) {
    for (const limit of [1, 4, 7, 50]) {
      it(`sort=${sort}, limit=${limit}: every live question exactly once, in order`, async () => {
        const ids = (await allPages({ sort, limit })).map((q) => q.id);
        expect(ids).toEqual(await expectedOrder(sort));
        expect(new Set(ids).size).toBe(ids.length);
      });
    }
    it(`sort=${sort} with tag: only tagged questions, paginated`, async () => {
      const ids = (await allPages({ sort, tag: "Paging", limit: 3 })).map((q) => q.id);
      expect(ids).toEqual(await expectedOrder(sort, "paging"));
      expect(ids.length).toBeGreaterThan(0);
    });
  }

  it("never lists deleted questions; summaries carry the contract's fields", async () => {
    const items = await allPages({ limit: 50 });
    expect(items.map((q) => q.title)).not.toContain("Paging question 5");
    expect(items[0]).toEqual({
      id: expect.any(Number),
      title: expect.any(String),
      excerpt: expect.stringContaining("This body is long enough"),
      author: { id: author.id, username: "lister", name: "lister", reputation: 1 },
      tags: expect.any(Array),
      voteScore: expect.any(Number),
      answerCount: expect.any(Number),
      acceptedAnswerId: null,
      createdAt: expect.any(Date),
      lastActivityAt: expect.any(Date),
    });
    expect(items[0].excerpt).not.toContain("**");
  });

  it("rejects garbage and cross-sort cursors with VALIDATION_FAILED (cursor)", async () => {
    const garbage = await appErrorOf(listQuestions({ db, cursor: "not-a-cursor" }));
    expect(garbage).toMatchObject({ code: "VALIDATION_FAILED", details: { fields: { cursor: expect.any(String) } } });
    const newest = await listQuestions({ db, sort: "newest", limit: 2 });
    expect((await appErrorOf(listQuestions({ db, sort: "votes", cursor: newest.nextCursor }))).code).toBe("VALIDATION_FAILED");
  });

  describe("full-text search", () => {
    let titleHit: number, bodyHit: number, tagged: number;
    beforeAll(async () => {
      // The body-only match is newer and better voted: relevance must still put the title first.
      titleHit = (await createQuestion({ db, actor: author, input: questionInput("fts-1", { title: "Tuning the zeppelin buffer pool", tags: ["search-a"] }) })).id;
      bodyHit = (await createQuestion({ db, actor: author, input: questionInput("fts-2", { title: "A question about memory settings", body: `${BODY} It mentions the zeppelin only in its body.`, tags: ["search-b"] }) })).id;
      await db.question.update({ where: { id: bodyHit }, data: { voteScore: 50 } });
      tagged = (await createQuestion({ db, actor: author, input: questionInput("fts-3", { title: "Zeppelin settings for search-b users", tags: ["search-b"] }) })).id;
    });

    it("ranks a title match above a body match (ts_rank, weights A/B)", async () => {
      const { items } = await listQuestions({ db, q: "zeppelin" });
      const ids = items.map((q) => q.id);
      expect(ids).toHaveLength(3);
      expect(ids.indexOf(titleHit)).toBeLessThan(ids.indexOf(bodyHit));
      expect(ids.indexOf(tagged)).toBeLessThan(ids.indexOf(bodyHit));
    });

    it("stems and understands websearch syntax", async () => {
      expect((await listQuestions({ db, q: "zeppelins" })).items).toHaveLength(3);
      expect((await listQuestions({ db, q: '"buffer pool"' })).items.map((q) => q.id)).toEqual([titleHit]);
      expect((await listQuestions({ db, q: "zeppelin -memory" })).items.map((q) => q.id)).not.toContain(bodyHit);
    });

    it("combines with the tag filter and with another sort", async () => {
      expect((await listQuestions({ db, q: "zeppelin", tag: "search-b" })).items.map((q) => q.id).sort()).toEqual([bodyHit, tagged].sort());
      expect((await listQuestions({ db, q: "zeppelin", sort: "votes" })).items[0].id).toBe(bodyHit);
      expect((await listQuestions({ db, q: "zeppelin", sort: "newest" })).items.map((q) => q.id)).toEqual([tagged, bodyHit, titleHit]);
    });

    it("paginates search results without duplicates or gaps (ties on rank)", async () => {
      // "paging" matches the 22 live seeded titles with identical ranks.
      for (const sort of [undefined, "newest", "votes", "active", "unanswered"] as const) {
        const all = (await listQuestions({ db, q: "paging", sort, limit: 50 })).items.map((q) => q.id);
        const paged = (await allPages({ q: "paging", sort, limit: 4 })).map((q) => q.id);
        expect(paged).toEqual(all);
        expect(new Set(paged).size).toBe(paged.length);
      }
      expect((await listQuestions({ db, q: "paging", limit: 50 })).items).toHaveLength(22);
    });

    it("finds nothing (not an error) for stop words only", async () => {
      expect((await listQuestions({ db, q: "the and of" })).items).toEqual([]);
    });
  });

  describe("popular-questions cache", () => {
    let pair: { redis: Redis; down: Redis };
    let redis: Redis;
    let closed: Redis;
    beforeAll(async () => {
      pair = await testRedisPair();
      ({ redis, down: closed } = pair);
    });
    afterAll(() => closeTestRedisPair(pair, prefix));

    it("still answers from Postgres when Redis is unreachable", async () => {
      const direct = await listQuestions({ db, sort: "votes", limit: 5 });
      const viaDownRedis = await listQuestions({ db, redis: closed, sort: "votes", limit: 5 });
      expect(viaDownRedis).toEqual(direct);
      expect(viaDownRedis.items).toHaveLength(5);
    });

    it("serves the first votes page from Redis, paginates on from it, and drops it when a question is asked", async () => {
      const first = await listQuestions({ db, redis, sort: "votes", limit: 3 });
      expect(await redis.exists(`${prefix}:cache:questions:popular`)).toBe(1);
      // A write behind the cache's back is not seen (proves the hit)…
      await db.question.updateMany({ where: { id: first.items[0].id }, data: { title: "Changed behind the cache" } });
      const hit = await listQuestions({ db, redis, sort: "votes", limit: 3 });
      expect(hit).toEqual(first);
      expect(hit.items[0].createdAt).toBeInstanceOf(Date);
      // …the cached page's cursor continues in Postgres…
      const next = await listQuestions({ db, redis, sort: "votes", limit: 3, cursor: hit.nextCursor });
      expect(next.items.map((q) => q.id)).toEqual((await listQuestions({ db, sort: "votes", limit: 6 })).items.slice(3).map((q) => q.id));
      // …and asking a question through the domain invalidates it.
      const asked = await createQuestion({ db, redis, actor: author, input: questionInput("popular") });
      await db.question.update({ where: { id: asked.id }, data: { voteScore: 1000 } });
      const fresh = await listQuestions({ db, redis, sort: "votes", limit: 3 });
      expect(fresh.items[0].id).toBe(asked.id);
    });
  });
});
