import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { HttpClient } from "@/test/helpers/http-client";
import { createMigratedTestDatabase } from "@/test/helpers/migrated-test-database";
import { BODY } from "@/test/helpers/qa-fixtures";
import type { TestDatabase } from "@/test/helpers/test-database";
import { startTestServer, type TestServer } from "@/test/helpers/test-server";

/** The Q&A routes of API.md over real HTTP against the built standalone server. */
describe("Q&A API over HTTP", () => {
  let database: TestDatabase;
  let server: TestServer;
  let db: Db;
  let alice: HttpClient, bob: HttpClient, anonymous: HttpClient;
  let questionId: number;

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    server = await startTestServer({
      databaseUrl: database.url,
      redisPrefix: `qaapi-${process.pid}-${Date.now()}`,
      env: { RATE_LIMITS_DISABLED: "0", RATE_LIMIT_ANSWERS_PER_MIN: "3", RATE_LIMIT_QUESTIONS_PER_MIN: "100" },
    });
    db = createDb({ databaseUrl: database.url });
    alice = new HttpClient(server.url);
    bob = new HttpClient(server.url);
    anonymous = new HttpClient(server.url);
    await alice.signUp({ username: "alice" });
    await bob.signUp({ username: "bob" });
  });
  afterAll(async () => {
    await server?.stop();
    await db?.$disconnect();
    await database?.drop();
  });

  it("POST /questions → 201 Question; the asker follows it", async () => {
    const asked = await alice.post("/api/v1/questions", {
      title: "How do I debounce input in JavaScript?",
      body: `${BODY}\n\n\`\`\`js\nsetTimeout(fn, 100)\n\`\`\``,
      tags: ["JavaScript", "events", "javascript"],
    });
    expect(asked.status).toBe(201);
    expect(asked.json).toMatchObject({
      id: expect.any(Number),
      title: "How do I debounce input in JavaScript?",
      tags: ["events", "javascript"],
      author: { username: "alice", name: "alice", reputation: 1 },
      voteScore: 0,
      answerCount: 0,
      acceptedAnswerId: null,
      myVote: 0,
      following: true,
      closedAt: null,
      lockedAt: null,
    });
    expect(asked.json.bodyHtml).toContain('<code class="hljs language-js">');
    expect(typeof asked.json.createdAt).toBe("string");
    questionId = asked.json.id;

    const read = await anonymous.get(`/api/v1/questions/${questionId}`);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ id: questionId, following: false, myVote: 0 });
  });

  it("400 VALIDATION_FAILED with one message per field", async () => {
    const bad = await alice.post("/api/v1/questions", { title: "short", body: "short", tags: ["Bad Tag!", "b", "c", "d", "e", "f"] });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({
      error: {
        code: "VALIDATION_FAILED",
        message: expect.any(String),
        fields: { title: expect.any(String), body: expect.any(String), tags: expect.any(String) },
      },
    });
    const malformed = await alice.request("POST", "/api/v1/questions", undefined, { "content-type": "application/json" });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe("VALIDATION_FAILED");
    expect((await anonymous.get("/api/v1/questions?limit=0")).json.error.fields).toHaveProperty("limit");
    expect((await anonymous.get("/api/v1/questions?limit=51")).status).toBe(400);
    expect((await anonymous.get("/api/v1/questions?sort=hot")).json.error.fields).toHaveProperty("sort");
    expect((await anonymous.get("/api/v1/questions?cursor=garbage")).json.error.fields).toHaveProperty("cursor");
    expect((await anonymous.get(`/api/v1/questions/${questionId}/answers?sort=oldest`)).status).toBe(400);
    expect((await anonymous.get("/api/v1/tags?sort=hot")).status).toBe(400);
    expect(bad.text).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it("401 for anonymous writes, 404 for missing or non-numeric ids", async () => {
    for (const [method, path] of [
      ["POST", "/api/v1/questions"],
      ["PATCH", `/api/v1/questions/${questionId}`],
      ["POST", `/api/v1/questions/${questionId}/answers`],
      ["POST", `/api/v1/questions/${questionId}/follow`],
      ["DELETE", `/api/v1/questions/${questionId}/follow`],
    ]) {
      const response = await anonymous.request(method, path, { title: "A title that is long enough", body: BODY, tags: ["x"] });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.json.error.code).toBe("UNAUTHENTICATED");
    }
    for (const path of ["/api/v1/questions/999999", "/api/v1/questions/abc", "/api/v1/questions/1.5", "/api/v1/questions/abc/answers", "/api/v1/questions/999999/answers", "/api/v1/users/nobody"]) {
      const response = await anonymous.get(path);
      expect(response.status, path).toBe(404);
      expect(response.json.error.code).toBe("NOT_FOUND");
    }
    expect((await bob.post("/api/v1/questions/999999/answers", { body: BODY })).status).toBe(404);
    expect((await bob.post("/api/v1/questions/999999/follow")).status).toBe(404);
    expect((await bob.patch("/api/v1/questions/999999", { title: "A title that is long enough" })).status).toBe(404);
  });

  it("answers: POST → 201 Answer, listed with the asker following and counts updated", async () => {
    const answered = await bob.post(`/api/v1/questions/${questionId}/answers`, { body: `Wrap it in a timer. ${BODY}` });
    expect(answered.status).toBe(201);
    expect(answered.json).toMatchObject({
      id: expect.any(Number),
      questionId,
      author: { username: "bob" },
      voteScore: 0,
      accepted: false,
      myVote: 0,
    });
    expect(answered.json.bodyHtml).toContain("<p>Wrap it in a timer.");
    expect((await bob.post(`/api/v1/questions/${questionId}/answers`, { body: "short" })).json.error.fields).toHaveProperty("body");

    const list = await anonymous.get(`/api/v1/questions/${questionId}/answers?sort=votes&limit=5`);
    expect(list.status).toBe(200);
    expect(list.json).toEqual({ items: [expect.objectContaining({ id: answered.json.id })], nextCursor: null });
    const question = await bob.get(`/api/v1/questions/${questionId}`);
    expect(question.json).toMatchObject({ answerCount: 1, following: true });
  });

  it("edit: the author yes, another user 403, a moderator yes, a banned author 403", async () => {
    const denied = await bob.patch(`/api/v1/questions/${questionId}`, { title: "Bob rewrites Alice's question" });
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe("FORBIDDEN");

    const edited = await alice.patch(`/api/v1/questions/${questionId}`, { title: "How do I debounce keyboard input in JavaScript?", tags: ["javascript", "dom"] });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ title: "How do I debounce keyboard input in JavaScript?", tags: ["dom", "javascript"], answerCount: 1 });
    expect((await alice.patch(`/api/v1/questions/${questionId}`, {})).status).toBe(400);

    await db.user.update({ where: { username: "bob" }, data: { role: "moderator" } });
    const moderated = await bob.patch(`/api/v1/questions/${questionId}`, { body: `${BODY} (moderator tidy-up)` });
    expect(moderated.status).toBe(200);
    expect(moderated.json.body).toContain("moderator tidy-up");
    await db.user.update({ where: { username: "bob" }, data: { role: "user" } });

    const carol = new HttpClient(server.url);
    await carol.signUp({ username: "carol" });
    const own = await carol.post("/api/v1/questions", { title: "Carol's question before the ban", body: BODY, tags: ["misc"] });
    await db.user.update({ where: { username: "carol" }, data: { banned: true } });
    expect((await carol.patch(`/api/v1/questions/${own.json.id}`, { title: "Edited while banned, long" })).status).toBe(403);
    expect((await carol.post("/api/v1/questions", { title: "Asked while banned, long", body: BODY, tags: ["misc"] })).status).toBe(403);
  });

  it("follow / unfollow → {following}", async () => {
    const bobId = (await db.user.findUniqueOrThrow({ where: { username: "bob" } })).id;
    await db.follow.deleteMany({ where: { userId: bobId, questionId } });
    expect((await bob.post(`/api/v1/questions/${questionId}/follow`)).json).toEqual({ following: true });
    expect((await bob.get(`/api/v1/questions/${questionId}`)).json.following).toBe(true);
    expect((await bob.delete(`/api/v1/questions/${questionId}/follow`)).json).toEqual({ following: false });
    expect((await bob.get(`/api/v1/questions/${questionId}`)).json.following).toBe(false);
  });

  it("lists: keyset pages, tag filter, full-text search, tags, profiles", async () => {
    for (let i = 0; i < 3; i++) {
      const asked = await alice.post("/api/v1/questions", { title: `Listing question number ${i} for paging`, body: BODY, tags: ["paging"] });
      expect(asked.status).toBe(201);
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; json: { items: Array<{ id: number }>; nextCursor: string | null } } = await anonymous.get(
        `/api/v1/questions?sort=newest&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.json.items.map((q) => q.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size).toBe(await db.question.count({ where: { deletedAt: null } }));

    const tagged = await anonymous.get("/api/v1/questions?tag=paging&sort=votes");
    expect(tagged.json.items).toHaveLength(3);
    const summary = tagged.json.items[0];
    expect(Object.keys(summary).sort()).toEqual(
      ["acceptedAnswerId", "answerCount", "author", "createdAt", "excerpt", "id", "lastActivityAt", "tags", "title", "voteScore"].sort(),
    );

    const search = await anonymous.get(`/api/v1/questions?q=${encodeURIComponent("debounce keyboard")}`);
    expect(search.json.items.map((q: { id: number }) => q.id)).toEqual([questionId]);
    expect((await anonymous.get("/api/v1/questions?q=debounce&tag=paging")).json.items).toEqual([]);
    expect((await anonymous.get("/api/v1/questions?sort=unanswered&tag=javascript")).json.items).toEqual([]);

    const tags = await anonymous.get("/api/v1/tags?sort=popular");
    expect(tags.json.items).toContainEqual({ name: "paging", questionCount: 3 });
    expect(tags.json.items).toContainEqual({ name: "javascript", questionCount: 1 });
    expect(tags.json.items.map((t: { name: string }) => t.name)).not.toContain("events");
    expect((await anonymous.get("/api/v1/tags?q=javscript")).json.items[0]).toEqual({ name: "javascript", questionCount: 1 });
    expect((await anonymous.get("/api/v1/tags?sort=trending&limit=1")).json.items).toEqual([{ name: "paging", questionCount: 3 }]);

    const profile = await anonymous.get("/api/v1/users/alice");
    expect(profile.json).toEqual({ username: "alice", name: "alice", reputation: 1, role: "user", createdAt: expect.any(String), questionCount: 4, answerCount: 0 });
  });

  it("409 on a closed question; 429 with Retry-After past the answer limit", async () => {
    const closed = await alice.post("/api/v1/questions", { title: "A question that gets closed", body: BODY, tags: ["misc"] });
    await db.question.update({ where: { id: closed.json.id }, data: { closedAt: new Date(), closedReason: "duplicate" } });
    // alice has not answered yet: her answer budget is untouched
    const refused = await alice.post(`/api/v1/questions/${closed.json.id}/answers`, { body: BODY });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe("CONFLICT");

    let limited: Awaited<ReturnType<HttpClient["post"]>> | undefined;
    // limit 3/min (Better-Auth limits sign-ups, so no fresh user): a 429 comes by the 3rd more
    // answer, or the 6th if a window turns mid-way
    for (let i = 0; i < 7 && !limited; i++) {
      const response = await alice.post(`/api/v1/questions/${questionId}/answers`, { body: `Answer ${i}. ${BODY}` });
      if (response.status === 429) limited = response;
      else expect(response.status).toBe(201);
    }
    expect(limited?.json.error.code).toBe("RATE_LIMITED");
    const retryAfter = Number(limited?.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });
});
