import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { HttpClient } from "@/test/helpers/http-client";
import { createMigratedTestDatabase } from "@/test/helpers/migrated-test-database";
import { startTestServer, type TestServer } from "@/test/helpers/test-server";

// Needs a built server: NEXT_DIST_DIR=.next-gap npm run build:web, then run with the same NEXT_DIST_DIR.
const PREFIX = `t-staff-pages-${randomUUID().slice(0, 8)}`;
const BODY = "A body that is long enough to pass the validation rules for questions.";

let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
let db: Db;
let server: TestServer;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createDb({ databaseUrl: database.url, max: 4 });
  server = await startTestServer({ databaseUrl: database.url, redisPrefix: PREFIX, env: { SITE_NAME: "Env Named Site" } });
});

afterAll(async () => {
  await server?.stop();
  await db?.$disconnect();
  await database?.drop();
});

/** A signed-in client with the given role (sign-up through Better-Auth, role set in the DB). */
async function signedIn(username: string, role: "user" | "moderator" | "admin" = "user") {
  const client = new HttpClient(server.url);
  const id = await client.signUp({ username });
  if (role !== "user") await db.user.update({ where: { id }, data: { role } });
  return client;
}

describe("a deleted question", () => {
  it("404s on its (cached, public) page for everyone; moderators review and undelete it in the staff view", async () => {
    const author = await signedIn("del_author");
    const moderator = await signedIn("del_moderator", "moderator");
    const asked = await author.post("/api/v1/questions", { title: "A question that will be deleted", body: BODY, tags: ["moderation"] });
    expect(asked.status).toBe(201);
    const id = asked.json.id as number;
    expect((await author.post(`/api/v1/questions/${id}/answers`, { body: "An answer that stays with the deleted question." })).status).toBe(201);
    const anonymous = new HttpClient(server.url);
    // Warm the public (cached) page before the delete: the delete must drop it.
    expect((await anonymous.get(`/questions/${id}`)).status).toBe(200);

    expect((await moderator.post(`/api/v1/questions/${id}/moderation`, { action: "delete" })).status).toBe(200);

    for (const client of [anonymous, author, moderator]) {
      const page = await client.get(`/questions/${id}`);
      expect(page.status).toBe(404);
      expect(page.text).not.toContain("A question that will be deleted");
    }
    // The 404 carries the (client-rendered, staff-only) link to the staff view.
    expect((await moderator.get(`/questions/${id}`)).text).toContain("Page not found");

    const staffView = await moderator.get(`/admin/questions/${id}`);
    expect(staffView.status).toBe(200);
    expect(staffView.text).toContain("This question is deleted");
    expect(staffView.text).toContain("A question that will be deleted");
    expect(staffView.text).toContain("An answer that stays with the deleted question.");
    // Not for anyone else (the admin area answers a plain 404).
    expect((await anonymous.get(`/admin/questions/${id}`)).status).toBe(404);
    expect((await author.get(`/admin/questions/${id}`)).status).toBe(404);
    expect((await moderator.get("/admin/questions/999999")).status).toBe(404);
    // The admin overview links the deleted question to the staff view.
    expect((await moderator.get("/admin")).text).toContain(`href="/admin/questions/${id}"`);

    expect((await moderator.post(`/api/v1/questions/${id}/moderation`, { action: "undelete" })).status).toBe(200);
    const restored = await anonymous.get(`/questions/${id}`);
    expect(restored.status).toBe(200);
    expect(restored.text).toContain("A question that will be deleted");
    const reviewed = await moderator.get(`/admin/questions/${id}`);
    expect(reviewed.text).not.toContain("This question is deleted");
    expect(reviewed.text).toContain("This question is visible to everyone");
  });
});

describe("site name", () => {
  it("comes from SITE_NAME until an admin saves one in /admin/settings, then shows at once", async () => {
    const anonymous = new HttpClient(server.url);
    const before = await anonymous.get("/");
    expect(before.text).toContain("<title>Env Named Site</title>");

    const admin = await signedIn("name_admin", "admin");
    const saved = await admin.request("PUT", "/api/v1/admin/settings", { siteName: "Ask The Guild" });
    expect(saved.status).toBe(200);

    const home = await anonymous.get("/");
    expect(home.status).toBe(200);
    expect(home.text).toContain("<title>Ask The Guild</title>");
    expect(home.text).toContain("Ask The Guild</a>");
    expect(home.text).not.toContain("Env Named Site");
    const signIn = await anonymous.get("/sign-in");
    expect(signIn.text).toContain("Ask The Guild");
  });
});

describe("last seen", () => {
  it("a signed-in request records user.lastSeenAt (shown by `users show`)", async () => {
    const client = new HttpClient(server.url);
    const id = await client.signUp({ username: "seen_over_http" });
    const started = Date.now();
    expect((await client.get("/api/v1/me")).json.user.id).toBe(id);
    let lastSeenAt: Date | null = null;
    for (let i = 0; i < 50 && !lastSeenAt; i++) {
      lastSeenAt = (await db.user.findUniqueOrThrow({ where: { id }, select: { lastSeenAt: true } })).lastSeenAt;
      if (!lastSeenAt) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(lastSeenAt!.getTime()).toBeGreaterThan(started - 5000);
  });
});

describe("home and tag lists", () => {
  it("serve their first pages from the cache, show a new question at once, and keep query-string views working", async () => {
    const author = await signedIn("list_author");
    const anonymous = new HttpClient(server.url);
    const ask = async (title: string, tags: string[]) => {
      const asked = await author.post("/api/v1/questions", { title, body: BODY, tags });
      expect(asked.status).toBe(201);
      return asked.json.id as number;
    };
    await ask("First listed question about caching", ["listcache"]);

    // Warm the cached first pages, then a write must show on them at once.
    for (const path of ["/", "/?sort=votes", "/tags/listcache", "/tags/listcache?sort=active"]) {
      const page = await anonymous.get(path);
      expect(page.status, path).toBe(200);
      expect(page.text, path).toContain("First listed question about caching");
    }
    const cached = await anonymous.get("/");
    expect(cached.headers.get("cache-control")).toMatch(/s-maxage=30/);
    expect(cached.headers.get("x-nextjs-cache")).toBe("HIT");

    const secondId = await ask("Second listed question about caching", ["listcache", "c#"]);
    for (const path of ["/", "/?sort=newest", "/tags/listcache", "/tags/c%23"]) {
      const page = await anonymous.get(path);
      expect(page.text, path).toContain("Second listed question about caching");
      expect(page.text, path).toContain(`/questions/${secondId}`);
    }
    // The public URLs stay in the page's own links (sort select, pager), not the cache's.
    const tagPage = await anonymous.get("/tags/listcache");
    expect(tagPage.text).toContain('href="/tags/listcache?sort=votes"');
    expect(tagPage.text).toContain("Questions tagged [<!-- -->listcache<!-- -->]");
    expect(tagPage.text).not.toContain("/lists/");

    // Query strings the cache can't share render per request, as before.
    const filtered = await anonymous.get("/?tag=c%23");
    expect(filtered.text).toContain("Questions tagged [c#]"); // one string: home's heading
    expect(filtered.text).toContain("Second listed question about caching");
    expect(filtered.text).not.toContain("First listed question about caching");
    expect(filtered.headers.get("x-nextjs-cache")).toBeNull();
    expect((await anonymous.get("/?sort=bogus")).status).toBe(200);
    expect((await anonymous.get("/tags/listcache?cursor=not-a-cursor")).status).toBe(200);
    expect((await anonymous.get("/lists/bogus")).status).toBe(404);
  });
});

describe("the page cache in front of Next", () => {
  it("serves a cached question page again as Next sent it, and drops it on writes", async () => {
    const author = await signedIn("front_author");
    const voter = await signedIn("front_voter");
    const asked = await author.post("/api/v1/questions", { title: "A question served from the front cache", body: BODY, tags: ["frontcache"] });
    const id = asked.json.id as number;
    const anonymous = new HttpClient(server.url);
    const plain = { "accept-encoding": "identity" };

    const first = await anonymous.get(`/questions/${id}`, plain);
    expect(first.status).toBe(200);
    expect(first.headers.get("age")).toBeNull(); // Next answered (and the cache kept a copy)
    const second = await anonymous.get(`/questions/${id}`, plain);
    expect(second.headers.get("age")).toMatch(/^\d+$/); // the cache answered
    expect(second.text).toBe(first.text);
    for (const name of ["content-type", "cache-control", "vary"]) expect(second.headers.get(name), name).toBe(first.headers.get(name));

    // gzip for clients that take it (fetch decompresses: same page).
    const zipped = await fetch(`${server.url}/questions/${id}`, { headers: { "accept-encoding": "gzip" } });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(await zipped.text()).toBe(first.text);
    // Pages it never keeps go to Next untouched, compressed as before.
    const search = await fetch(`${server.url}/search?q=front`, { headers: { "accept-encoding": "gzip" } });
    expect(search.headers.get("content-encoding")).toBe("gzip");
    // RSC requests (client navigation) are never answered with the cached HTML.
    const rsc = await anonymous.get(`/questions/${id}`, { rsc: "1" });
    expect(rsc.headers.get("age")).toBeNull();
    expect(rsc.text).not.toBe(first.text);

    // An answer shows at once.
    expect((await voter.post(`/api/v1/questions/${id}/answers`, { body: "An answer that must show on the cached page right away." })).status).toBe(201);
    const answered = await anonymous.get(`/questions/${id}`, plain);
    expect(answered.headers.get("age")).toBeNull();
    expect(answered.text).toContain("An answer that must show on the cached page right away.");

    // A vote shows on the next render (Next revalidates it in the background: one stale copy).
    expect((await voter.post("/api/v1/votes", { targetType: "question", targetId: id, value: 1 })).status).toBe(200);
    let shown = false;
    for (let i = 0; i < 20 && !shown; i++) {
      const page = await anonymous.get(`/questions/${id}`, plain);
      shown = /data-testid="vote-score"[^>]*>1</.test(page.text);
      if (!shown) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(shown).toBe(true);
  });
});

describe("GET /api/v1/questions/:id/mine", () => {
  it("the reader's votes on the question and its answers, and follow state, in one request", async () => {
    const asker = await signedIn("mine_asker");
    const answerer = await signedIn("mine_answerer");
    const reader = await signedIn("mine_reader");
    const questionId = (await asker.post("/api/v1/questions", { title: "A question with reader state to read", body: BODY, tags: ["mine"] })).json.id as number;
    const answerId = (await answerer.post(`/api/v1/questions/${questionId}/answers`, { body: "An answer the reader will vote on, long enough." })).json.id as number;
    const mine = `/api/v1/questions/${questionId}/mine`;

    expect((await new HttpClient(server.url).get(mine)).status).toBe(401);
    expect((await reader.get("/api/v1/questions/999999/mine")).status).toBe(404);
    const fresh = await reader.get(mine);
    expect(fresh.headers.get("cache-control")).toBe("private, no-store");
    expect(fresh.json).toEqual({ voteScore: 0, myVote: 0, following: false, answerVotes: {} });

    expect((await reader.post("/api/v1/votes", { targetType: "question", targetId: questionId, value: -1 })).status).toBe(200);
    expect((await reader.post("/api/v1/votes", { targetType: "answer", targetId: answerId, value: 1 })).status).toBe(200);
    expect((await reader.post(`/api/v1/questions/${questionId}/follow`)).status).toBe(200);
    expect((await reader.get(mine)).json).toEqual({ voteScore: -1, myVote: -1, following: true, answerVotes: { [answerId]: 1 } });
    // Each reader sees their own: the asker follows their question and voted on nothing.
    expect((await asker.get(mine)).json).toEqual({ voteScore: -1, myVote: 0, following: true, answerVotes: {} });

    expect((await reader.post("/api/v1/votes", { targetType: "answer", targetId: answerId, value: 0 })).status).toBe(200);
    expect((await reader.get(mine)).json.answerVotes).toEqual({});
  });
});
