import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createDb, type Db } from "@/lib/db";
import { createQuestion } from "@/lib/questions/create-question";
import { updateQuestion } from "@/lib/questions/update-question";
import { createMigratedTestDatabase } from "@/test/helpers/migrated-test-database";
import { closeTestRedisPair, makeActor, questionInput, testRedisPair, useTestConfig } from "@/test/helpers/qa-fixtures";
import type { TestDatabase } from "@/test/helpers/test-database";
import { listTags } from "./list-tags";

const prefix = `test-tags-${process.pid}-${Date.now()}`;
useTestConfig({ redisPrefix: prefix });

describe("listTags", () => {
  let database: TestDatabase;
  let db: Db;
  let author: Actor;
  let pair: { redis: Redis; down: Redis };
  let redis: Redis;
  let closed: Redis;

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    db = createDb({ databaseUrl: database.url });
    pair = await testRedisPair();
    ({ redis, down: closed } = pair);
    author = await makeActor(db, "tagger");
    // javascript: 3 old questions (popular, not trending); rust: 2 new ones (trending)
    for (let i = 0; i < 3; i++) {
      const q = await createQuestion({ db, actor: author, input: questionInput(`js-${i}`, { tags: ["javascript", "java"] }) });
      await db.question.update({ where: { id: q.id }, data: { createdAt: new Date(Date.now() - 30 * 86_400_000) } });
    }
    for (let i = 0; i < 2; i++) await createQuestion({ db, actor: author, input: questionInput(`rust-${i}`, { tags: ["rust", "javascript-engines"] }) });
    await createQuestion({ db, actor: author, input: questionInput("py", { tags: ["python"] }) });
  });
  afterAll(async () => {
    await closeTestRedisPair(pair, prefix);
    await db?.$disconnect();
    await database?.drop();
  });

  it("popular: by questionCount, then name", async () => {
    expect((await listTags({ db, sort: "popular" })).items).toEqual([
      { name: "java", questionCount: 3 },
      { name: "javascript", questionCount: 3 },
      { name: "javascript-engines", questionCount: 2 },
      { name: "rust", questionCount: 2 },
      { name: "python", questionCount: 1 },
    ]);
  });

  it("trending: most questions in the last 7 days", async () => {
    const { items } = await listTags({ db, sort: "trending" });
    expect(items).toEqual([
      { name: "javascript-engines", questionCount: 2 },
      { name: "rust", questionCount: 2 },
      { name: "python", questionCount: 1 },
    ]);
  });

  it("name: alphabetical, limited", async () => {
    expect((await listTags({ db, sort: "name", limit: 2 })).items.map((t) => t.name)).toEqual(["java", "javascript"]);
  });

  it("suggestions: prefix first, typo-tolerant via trigrams", async () => {
    expect((await listTags({ db, q: "jav" })).items.map((t) => t.name)).toEqual(["java", "javascript", "javascript-engines"]);
    expect((await listTags({ db, q: "javscript" })).items[0].name).toBe("javascript");
    expect((await listTags({ db, q: "Pyhton" })).items.map((t) => t.name)).toContain("python");
    expect((await listTags({ db, q: "engines" })).items.map((t) => t.name)).toContain("javascript-engines");
    expect((await listTags({ db, q: "100%_" })).items).toEqual([]);
  });

  it("still answers from Postgres when Redis is unreachable", async () => {
    expect(await listTags({ db, redis: closed, sort: "trending" })).toEqual(await listTags({ db, sort: "trending" }));
    expect(await listTags({ db, redis: closed, sort: "popular", limit: 2 })).toEqual(await listTags({ db, sort: "popular", limit: 2 }));
  });

  it("caches popular/trending in Redis and drops them on question writes", async () => {
    const first = await listTags({ db, redis, sort: "popular", limit: 3 });
    expect(await redis.exists(`${prefix}:cache:tags:popular`)).toBe(1);
    await db.tag.update({ where: { name: "python" }, data: { questionCount: 99 } });
    expect(await listTags({ db, redis, sort: "popular", limit: 3 })).toEqual(first);
    // a retag through the domain (with redis) invalidates
    const q = await createQuestion({ db, redis, actor: author, input: questionInput("retag", { tags: ["go"] }) });
    expect(await redis.exists(`${prefix}:cache:tags:popular`)).toBe(0);
    expect((await listTags({ db, redis, sort: "popular", limit: 1 })).items).toEqual([{ name: "python", questionCount: 99 }]);
    await listTags({ db, redis, sort: "trending" });
    await updateQuestion({ db, redis, actor: author, questionId: q.id, input: { tags: ["go", "rust"] } });
    expect(await redis.exists(`${prefix}:cache:tags:trending`)).toBe(0);
    expect((await listTags({ db, redis, sort: "trending", limit: 1 })).items).toEqual([{ name: "rust", questionCount: 3 }]);
  });
});
