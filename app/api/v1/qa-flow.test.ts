import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { checkIntegrity } from "@/lib/integrity/check-integrity";
import { HttpClient } from "@/test/helpers/http-client";
import { createMigratedTestDatabase } from "@/test/helpers/migrated-test-database";
import type { TestDatabase } from "@/test/helpers/test-database";
import { startTestServer, type TestServer } from "@/test/helpers/test-server";

const BODY = "This is a long enough body for the validation rules, with **markdown**.";

describe("Q&A over HTTP (API.md flow)", () => {
  let database: TestDatabase;
  let server: TestServer;
  let db: Db;

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    server = await startTestServer({ databaseUrl: database.url, redisPrefix: `qaflow-${Date.now()}` });
    db = createDb({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await server?.stop();
    await db?.$disconnect();
    await database?.drop();
  });

  it("sign up, ask, answer, vote, change vote, accept, edit, follow", async () => {
    const asker = new HttpClient(server.url);
    const answerer = new HttpClient(server.url);
    const voter = new HttpClient(server.url);
    await asker.signUp({ username: "asker" });
    await answerer.signUp({ username: "answerer" });
    await voter.signUp({ username: "voter" });

    const asked = await asker.post("/api/v1/questions", { title: "How do I sort a list in place?", body: BODY, tags: ["Python", "lists"] });
    expect(asked.status).toBe(201);
    const questionId = asked.json.id as number;
    expect(asked.json.tags).toEqual(["lists", "python"]);

    const answered = await answerer.post(`/api/v1/questions/${questionId}/answers`, { body: `Use list.sort(). ${BODY}` });
    expect(answered.status).toBe(201);
    const answerId = answered.json.id as number;

    // asker and voter upvote the answer; voter upvotes the question
    expect((await asker.post("/api/v1/votes", { targetType: "answer", targetId: answerId, value: 1 })).json).toEqual({ voteScore: 1, myVote: 1 });
    expect((await voter.post("/api/v1/votes", { targetType: "answer", targetId: answerId, value: 1 })).json).toEqual({ voteScore: 2, myVote: 1 });
    expect((await voter.post("/api/v1/votes", { targetType: "question", targetId: questionId, value: 1 })).json.voteScore).toBe(1);
    // voter changes their mind: down (−2 to answerer, −1 to voter), then retracts
    expect((await voter.post("/api/v1/votes", { targetType: "answer", targetId: answerId, value: -1 })).json).toEqual({ voteScore: 0, myVote: -1 });
    expect((await voter.post("/api/v1/votes", { targetType: "answer", targetId: answerId, value: 0 })).json).toEqual({ voteScore: 1, myVote: 0 });
    // own post refused
    expect((await answerer.post("/api/v1/votes", { targetType: "answer", targetId: answerId, value: 1 })).status).toBe(403);

    // only the asker accepts; again = un-accept; then accept for good
    expect((await voter.post(`/api/v1/answers/${answerId}/accept`)).status).toBe(403);
    expect((await asker.post(`/api/v1/answers/${answerId}/accept`)).json).toEqual({ acceptedAnswerId: answerId });
    expect((await asker.post(`/api/v1/answers/${answerId}/accept`)).json).toEqual({ acceptedAnswerId: null });
    expect((await asker.post(`/api/v1/answers/${answerId}/accept`)).json).toEqual({ acceptedAnswerId: answerId });

    const question = await voter.get(`/api/v1/questions/${questionId}`);
    expect(question.json).toMatchObject({ id: questionId, voteScore: 1, answerCount: 1, acceptedAnswerId: answerId, myVote: 1 });

    // answerer: 1 + 10 (asker's upvote) + 15 (accept) = 26; asker: 1 + 10 (question upvote) + 2 = 13; voter: 1
    expect((await voter.get("/api/v1/users/answerer")).json.reputation).toBe(26);
    expect((await voter.get("/api/v1/users/asker")).json.reputation).toBe(13);
    expect((await voter.get("/api/v1/users/voter")).json).toMatchObject({ reputation: 1, questionCount: 0, answerCount: 0 });

    // edit: author yes, others no
    expect((await voter.patch(`/api/v1/questions/${questionId}`, { title: "A title edited by someone else" })).status).toBe(403);
    const edited = await asker.patch(`/api/v1/questions/${questionId}`, { title: "How do I sort a Python list in place?", tags: ["python"] });
    expect(edited.status).toBe(200);
    expect(edited.json.tags).toEqual(["python"]);

    // follow / unfollow
    expect((await voter.post(`/api/v1/questions/${questionId}/follow`)).json).toEqual({ following: true });
    expect((await voter.get(`/api/v1/questions/${questionId}`)).json.following).toBe(true);
    expect((await voter.delete(`/api/v1/questions/${questionId}/follow`)).json).toEqual({ following: false });

    // lists
    const list = await voter.get("/api/v1/questions?sort=votes&tag=python");
    expect(list.json.items.map((q: { id: number }) => q.id)).toEqual([questionId]);
    const answers = await voter.get(`/api/v1/questions/${questionId}/answers`);
    expect(answers.json.items[0]).toMatchObject({ id: answerId, accepted: true, voteScore: 1 });
    const tags = await voter.get("/api/v1/tags?sort=popular");
    expect(tags.json.items).toEqual([{ name: "python", questionCount: 1 }]);

    const integrity = await checkIntegrity({ db });
    expect(integrity.drift).toEqual([]);
  });

  it("answers errors in API.md's format", async () => {
    const anonymous = new HttpClient(server.url);
    const unauth = await anonymous.post("/api/v1/questions", { title: "x", body: "y", tags: [] });
    expect(unauth.status).toBe(401);
    expect(unauth.json.error.code).toBe("UNAUTHENTICATED");

    const user = new HttpClient(server.url);
    await user.signUp({ username: "validator" });
    const bad = await user.post("/api/v1/questions", { title: "short", body: "short", tags: ["Bad Tag!", "b", "c", "d", "e", "f"] });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(bad.json.error.fields)).toEqual(expect.arrayContaining(["title", "body"]));
    expect(bad.text).not.toMatch(/at .*\.js/);

    expect((await anonymous.get("/api/v1/questions/999999")).status).toBe(404);
    expect((await anonymous.get("/api/v1/questions/abc")).json.error.code).toBe("NOT_FOUND");
    expect((await user.request("POST", "/api/v1/votes", undefined, { "content-type": "application/json" })).status).toBe(400);
  });
  it("XSS payloads posted as bodies come back inert in the question page's HTML", async () => {
    const author = new HttpClient(server.url);
    await author.signUp({ username: "xsstester" });
    const payloads = [
      "<script>alert('xss-1')</script>",
      "<img src=x onerror=alert('xss-2')>",
      "[click](javascript:alert('xss-3'))",
      "<svg onload=alert('xss-4')></svg>",
      "<a href=\"jAvAsCrIpT:alert('xss-5')\">x</a>",
      "<iframe src=\"javascript:alert('xss-6')\"></iframe>",
      "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss-7')>",
      "![x](javascript:alert('xss-8'))",
    ];
    const body = `Here are some payloads to test with:\n\n${payloads.join("\n\n")}`;
    const asked = await author.post("/api/v1/questions", { title: "Is this page safe from scripts?", body, tags: ["security"] });
    expect(asked.status).toBe(201);
    const answered = await author.post(`/api/v1/questions/${asked.json.id}/answers`, { body: `An answer with payloads too:\n\n${payloads.join("\n\n")}` });
    expect(answered.status).toBe(201);
    const page = await new HttpClient(server.url).get(`/questions/${asked.json.id}`);
    expect(page.status).toBe(200);
    // Only the rendered post bodies: the page's own scripts are Next's, not user content.
    const bodies = [...page.text.matchAll(/class="prose-ce"[^>]*>([\s\S]*?)<\/div>/g)].map((m) => m[1]).join("\n");
    expect(bodies).toContain("xss-1"); // present as inert text
    const tags = bodies.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) {
      expect(tag).not.toMatch(/^<(script|iframe|svg|math|style|object|embed)/i);
      expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
      expect(tag).not.toMatch(/(href|src)="\s*(javascript|vbscript|data):/i);
    }
  });
});
