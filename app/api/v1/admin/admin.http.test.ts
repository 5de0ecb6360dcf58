import { randomUUID } from "node:crypto";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { HttpClient } from "@/test/helpers/http-client";
import { createMigratedTestDatabase } from "@/test/helpers/migrated-test-database";
import { startTestServer, TEST_AUTH_SECRET, type TestServer } from "@/test/helpers/test-server";

// Needs a built server: NEXT_DIST_DIR=.next-admin npm run build:web, then run with the same NEXT_DIST_DIR.
const ROOT = path.resolve(import.meta.dirname, "../../../..");
const PREFIX = `t-admin-${randomUUID().slice(0, 8)}`;

let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
let db: Db;
let server: TestServer;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createDb({ databaseUrl: database.url, max: 4 });
  server = await startTestServer({ databaseUrl: database.url, redisPrefix: PREFIX });
});

afterAll(async () => {
  await server?.stop();
  await db?.$disconnect();
  await database?.drop();
});

function cli(args: string[]) {
  return execa("node", ["--import", "tsx", "cli/index.ts", ...args], {
    cwd: ROOT,
    reject: false,
    env: { DATABASE_URL: database.url, REDIS_URL: server.env.REDIS_URL, REDIS_PREFIX: PREFIX, BETTER_AUTH_SECRET: TEST_AUTH_SECRET },
  });
}

/** A signed-in client with the given role (sign-up through Better-Auth, role set in the DB). */
async function signedIn(username: string, role: "user" | "moderator" | "admin" = "user") {
  const client = new HttpClient(server.url);
  const id = await client.signUp({ username });
  if (role !== "user") await db.user.update({ where: { id }, data: { role } });
  return { client, id };
}

/** A write that any signed-in, unbanned user may do. */
function write(client: HttpClient) {
  return client.post("/api/v1/notifications/read", { all: true });
}

describe("bans", () => {
  it("`users ban` from the CLI revokes a live session at once: the next write is 403", async () => {
    const { client } = await signedIn("ban_victim");
    expect((await write(client)).status).toBe(200);
    const question = { title: "A question asked before the ban", body: "Long enough body text for the validation rules.", tags: ["bans"] };
    expect((await client.post("/api/v1/questions", question)).status).toBe(201);

    const ban = await cli(["users", "ban", "ban_victim", "--reason", "spam"]);
    expect(ban.exitCode, ban.stderr).toBe(0);
    expect(ban.stdout).toContain("ended 1 session(s)");

    const refused = await write(client);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("FORBIDDEN");
    expect((await client.post("/api/v1/questions", { ...question, title: "A question asked after the ban" })).status).toBe(403);
    expect((await client.get("/api/v1/me")).json.user).toBeNull();
    // Signing in again is refused while the ban lasts…
    const again = new HttpClient(server.url);
    const signIn = await again.post("/api/auth/sign-in/email", { email: "ban_victim@example.test", password: "correct-horse-battery" });
    expect(signIn.status).toBe(403);
    // …and works once unbanned.
    expect((await cli(["users", "unban", "ban_victim"])).exitCode).toBe(0);
    const back = await again.post("/api/auth/sign-in/email", { email: "ban_victim@example.test", password: "correct-horse-battery" });
    expect(back.status).toBe(200);
    expect((await write(again)).status).toBe(200);
  });
});

describe("PATCH /api/v1/admin/users/:id", () => {
  it("admins change roles and ban/unban; others get 403; an admin cannot demote or ban themselves", async () => {
    const admin = await signedIn("patch_admin", "admin");
    const target = await signedIn("patch_target");
    const outsider = await signedIn("patch_outsider", "moderator");

    expect((await outsider.client.patch(`/api/v1/admin/users/${target.id}`, { role: "admin" })).status).toBe(403);
    const promoted = await admin.client.patch(`/api/v1/admin/users/${target.id}`, { role: "moderator" });
    expect(promoted.status).toBe(200);
    expect(promoted.json).toMatchObject({ username: "patch_target", role: "moderator", banned: false });
    expect((await admin.client.patch(`/api/v1/admin/users/${target.id}`, { role: "king" })).status).toBe(400);
    expect((await admin.client.patch(`/api/v1/admin/users/nope`, { banned: true })).status).toBe(404);
    expect((await admin.client.patch(`/api/v1/admin/users/${admin.id}`, { role: "user" })).status).toBe(409);
    expect((await admin.client.patch(`/api/v1/admin/users/${admin.id}`, { banned: true })).status).toBe(409);

    const banned = await admin.client.patch(`/api/v1/admin/users/${target.id}`, { banned: true, banReason: "rude" });
    expect(banned.json).toMatchObject({ banned: true, banReason: "rude" });
    expect((await write(target.client)).status).toBe(403);
    expect((await admin.client.patch(`/api/v1/admin/users/${target.id}`, { banned: false })).json.banned).toBe(false);

    const audit = await db.auditLog.findMany({ where: { targetId: target.id }, orderBy: { id: "asc" } });
    expect(audit.map((row) => [row.action, row.actorId])).toEqual([
      ["user.set_role", admin.id],
      ["user.ban", admin.id],
      ["user.unban", admin.id],
    ]);
  });
});

describe("site settings and sign-up", () => {
  it("PUT /api/v1/admin/settings closes registration and blocks email domains; sign-up obeys at once", async () => {
    const admin = await signedIn("settings_admin", "admin");
    const user = await signedIn("settings_user");
    expect((await user.client.request("PUT", "/api/v1/admin/settings", { registrationOpen: false })).status).toBe(403);
    const invalid = await admin.client.request("PUT", "/api/v1/admin/settings", { blockedEmailDomains: ["not a domain"] });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.fields).toHaveProperty("blockedEmailDomains");

    const blocked = await admin.client.request("PUT", "/api/v1/admin/settings", { blockedEmailDomains: ["@Spam.Example", "junk.test"] });
    expect(blocked.status).toBe(200);
    expect(blocked.json).toMatchObject({ registrationOpen: true, blockedEmailDomains: ["junk.test", "spam.example"] });
    const spammer = await new HttpClient(server.url).post("/api/auth/sign-up/email", {
      email: "x@mail.spam.example",
      password: "correct-horse-battery",
      name: "x",
      username: "spam_x",
    });
    expect(spammer.status).toBe(403);
    expect(spammer.text).toContain("spam.example");
    await new HttpClient(server.url).signUp({ username: "fine_signup", email: "fine@ok.example" });

    expect((await admin.client.request("PUT", "/api/v1/admin/settings", { registrationOpen: false })).status).toBe(200);
    const closed = await new HttpClient(server.url).post("/api/auth/sign-up/email", {
      email: "late@ok.example",
      password: "correct-horse-battery",
      name: "late",
      username: "late_comer",
    });
    expect(closed.status).toBe(403);
    expect(closed.text).toContain("Registration is closed");
    expect((await admin.client.get("/api/v1/admin/settings")).json.registrationOpen).toBe(false);
    await admin.client.request("PUT", "/api/v1/admin/settings", { registrationOpen: true, blockedEmailDomains: [] });
    expect(await db.auditLog.count({ where: { action: "settings.update", actorId: admin.id } })).toBe(3);
  });
});

describe("/admin pages", () => {
  it("admins see everything, moderators the moderation part, others a 404", async () => {
    const admin = await signedIn("pages_admin", "admin");
    const moderator = await signedIn("pages_mod", "moderator");
    const user = await signedIn("pages_user");
    const anonymous = new HttpClient(server.url);
    for (const page of ["/admin", "/admin/users", "/admin/audit", "/admin/settings"]) {
      const response = await admin.client.get(page);
      expect(response.status, page).toBe(200);
      expect((await user.client.get(page)).status, page).toBe(404);
      expect((await anonymous.get(page)).status, page).toBe(404);
    }
    expect((await admin.client.get("/admin/users?q=pages_")).text).toContain("pages_mod");
    expect((await moderator.client.get("/admin")).status).toBe(200);
    expect((await moderator.client.get("/admin/audit")).status).toBe(200);
    expect((await moderator.client.get("/admin/users")).status).toBe(404);
    expect((await moderator.client.get("/admin/settings")).status).toBe(404);
  });
});

describe("moderation routes", () => {
  it("a closed or locked question refuses new answers over HTTP with 409", async () => {
    const moderator = await signedIn("mod_http_mod", "moderator");
    const asker = await signedIn("mod_http_asker");
    const answerer = await signedIn("mod_http_answerer");
    const asked = await asker.client.post("/api/v1/questions", {
      title: "Why does my build fail on Tuesdays?",
      body: "It works every other day of the week, I promise, nothing else changes.",
      tags: ["builds"],
    });
    expect(asked.status, asked.text).toBe(201);
    const id = asked.json.id as number;
    const answer = { body: "Check the cron job that rotates your caches on Tuesdays." };
    expect((await moderator.client.post(`/api/v1/questions/${id}/moderation`, { action: "close", reason: "needs details" })).status).toBe(200);
    const refused = await answerer.client.post(`/api/v1/questions/${id}/answers`, answer);
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe("CONFLICT");
    expect((await asker.client.get(`/api/v1/questions/${id}`)).json).toMatchObject({ closedReason: "needs details" });
    expect((await moderator.client.post(`/api/v1/questions/${id}/moderation`, { action: "reopen" })).status).toBe(200);
    expect((await moderator.client.post(`/api/v1/questions/${id}/moderation`, { action: "lock" })).status).toBe(200);
    expect((await answerer.client.post(`/api/v1/questions/${id}/answers`, answer)).status).toBe(409);
    expect((await moderator.client.post(`/api/v1/questions/${id}/moderation`, { action: "unlock" })).status).toBe(200);
    expect((await answerer.client.post(`/api/v1/questions/${id}/answers`, answer)).status).toBe(201);

    expect((await moderator.client.post(`/api/v1/questions/${id}/moderation`, { action: "delete" })).status).toBe(200);
    expect((await asker.client.get(`/api/v1/questions/${id}`)).status).toBe(404);
    expect((await moderator.client.post(`/api/v1/questions/${id}/moderation`, { action: "undelete" })).status).toBe(200);
    expect((await asker.client.get(`/api/v1/questions/${id}`)).status).toBe(200);
  });

  it("moderators close, lock and delete; users get 403; state conflicts are 409", async () => {
    const moderator = await signedIn("mod_route_mod", "moderator");
    const author = await signedIn("mod_route_author");
    const question = await db.question.create({ data: { title: "A question to moderate", body: "body", authorId: author.id } });
    const answer = await db.answer.create({ data: { questionId: question.id, authorId: author.id, body: "an answer" } });
    await db.question.update({ where: { id: question.id }, data: { answerCount: 1 } });
    const url = `/api/v1/questions/${question.id}/moderation`;

    const forbidden = await author.client.post(url, { action: "close", reason: "off-topic" });
    expect(forbidden.status).toBe(403);
    const closed = await moderator.client.post(url, { action: "close", reason: "off-topic" });
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ id: question.id, closedReason: "off-topic" });
    expect(closed.json.closedAt).toBeTruthy();
    expect((await moderator.client.post(url, { action: "close", reason: "again" })).status).toBe(409);
    expect((await moderator.client.post(url, { action: "fly" })).status).toBe(400);
    expect((await moderator.client.post(url, { action: "lock" })).json.lockedAt).toBeTruthy();
    expect((await moderator.client.post(`/api/v1/questions/999999/moderation`, { action: "lock" })).status).toBe(404);

    const deleted = await moderator.client.post(`/api/v1/answers/${answer.id}/moderation`, { action: "delete" });
    expect(deleted.status).toBe(200);
    expect(deleted.json.deletedAt).toBeTruthy();
    expect((await db.question.findUniqueOrThrow({ where: { id: question.id } })).answerCount).toBe(0);
    expect((await moderator.client.post(`/api/v1/answers/${answer.id}/moderation`, { action: "undelete" })).json.deletedAt).toBeNull();

    const actions = await db.auditLog.findMany({ where: { actorId: moderator.id }, orderBy: { id: "asc" } });
    expect(actions.map((row) => row.action)).toEqual(["question.close", "question.lock", "answer.delete", "answer.undelete"]);
  });
});
