import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createDb, type Db } from "@/lib/db";
import { acceptAnswer } from "@/lib/answers/accept-answer";
import { createAnswer } from "@/lib/answers/create-answer";
import { checkIntegrity } from "@/lib/integrity/check-integrity";
import { createQuestion } from "@/lib/questions/create-question";
import { castVote } from "@/lib/votes/cast-vote";
import { createMigratedTestDatabase } from "@/test/helpers/migrated-test-database";
import { closeQuestion } from "./close-question";
import { deletePost } from "./delete-post";
import { lockQuestion } from "./lock-question";
import { reopenQuestion } from "./reopen-question";
import { undeletePost } from "./undelete-post";
import { unlockQuestion } from "./unlock-question";

let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
let db: Db;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createDb({ databaseUrl: database.url, max: 4 });
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

async function actor(username: string, role: Actor["role"] = "user"): Promise<Actor> {
  const user = await db.user.create({ data: { id: randomUUID(), name: username, email: `${username}@example.test`, username, role } });
  return { id: user.id, username, role, banned: false };
}

const BODY = "A body long enough to pass validation, with details.";

async function ask(author: Actor, tag: string) {
  return createQuestion({ db, actor: author, input: { title: `How do I do thing ${randomUUID().slice(0, 6)}?`, body: BODY, tags: [tag] } });
}

async function reputation(user: Actor): Promise<number> {
  return (await db.user.findUniqueOrThrow({ where: { id: user.id } })).reputation;
}

async function expectNoDrift() {
  expect((await checkIntegrity({ db })).drift).toEqual([]);
}

describe("close / reopen / lock / unlock", () => {
  it("only moderators and admins; closed or locked questions refuse new answers with CONFLICT", async () => {
    const asker = await actor("cl_asker");
    const answerer = await actor("cl_answerer");
    const mod = await actor("cl_mod", "moderator");
    const admin = await actor("cl_admin", "admin");
    const question = await ask(asker, "closing");

    await expect(closeQuestion({ db, actor: asker, questionId: question.id, reason: "off-topic" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(closeQuestion({ db, actor: { ...mod, banned: true }, questionId: question.id, reason: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(closeQuestion({ db, actor: mod, questionId: question.id })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(closeQuestion({ db, actor: mod, questionId: 999_999, reason: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const closed = await closeQuestion({ db, actor: mod, questionId: question.id, reason: "off-topic" });
    expect(closed).toMatchObject({ id: question.id, closedReason: "off-topic", duplicateOfId: null });
    expect(closed.closedAt).toBeInstanceOf(Date);
    await expect(closeQuestion({ db, actor: mod, questionId: question.id, reason: "again" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(createAnswer({ db, actor: answerer, questionId: question.id, input: { body: BODY } })).rejects.toMatchObject({ code: "CONFLICT" });

    await reopenQuestion({ db, actor: admin, questionId: question.id });
    await createAnswer({ db, actor: answerer, questionId: question.id, input: { body: BODY } });
    await expect(reopenQuestion({ db, actor: admin, questionId: question.id })).rejects.toMatchObject({ code: "CONFLICT" });

    await lockQuestion({ db, actor: mod, questionId: question.id, reason: "heated" });
    await expect(createAnswer({ db, actor: answerer, questionId: question.id, input: { body: `${BODY} again` } })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(lockQuestion({ db, actor: mod, questionId: question.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await unlockQuestion({ db, actor: mod, questionId: question.id });
    await createAnswer({ db, actor: answerer, questionId: question.id, input: { body: `${BODY} again` } });

    const audit = await db.auditLog.findMany({ where: { targetType: "question", targetId: String(question.id) }, orderBy: { id: "asc" } });
    expect(audit.map((row) => [row.action, row.actorId])).toEqual([
      ["question.close", mod.id],
      ["question.reopen", admin.id],
      ["question.lock", mod.id],
      ["question.unlock", mod.id],
    ]);
    await expectNoDrift();
  });

  it("closes as a duplicate of a live question only", async () => {
    const asker = await actor("dup_asker");
    const mod = await actor("dup_mod", "moderator");
    const original = await ask(asker, "dups");
    const copy = await ask(asker, "dups");
    await expect(closeQuestion({ db, actor: mod, questionId: copy.id, duplicateOfId: copy.id })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(closeQuestion({ db, actor: mod, questionId: copy.id, duplicateOfId: 999_999 })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const closed = await closeQuestion({ db, actor: mod, questionId: copy.id, duplicateOfId: original.id });
    expect(closed).toMatchObject({ closedReason: "duplicate", duplicateOfId: original.id });
    expect((await reopenQuestion({ db, actor: mod, questionId: copy.id })).duplicateOfId).toBeNull();
  });
});

describe("delete / undelete", () => {
  it("deleting an accepted, voted answer reverses its reputation and counts; undelete re-applies them", async () => {
    const asker = await actor("del_asker");
    const answerer = await actor("del_answerer");
    const fan = await actor("del_fan");
    const critic = await actor("del_critic");
    const mod = await actor("del_mod", "moderator");
    const question = await ask(asker, "deleting");
    const answer = await createAnswer({ db, actor: answerer, questionId: question.id, input: { body: BODY } });
    await castVote({ db, actor: fan, input: { targetType: "answer", targetId: answer.id, value: 1 } });
    await castVote({ db, actor: critic, input: { targetType: "answer", targetId: answer.id, value: -1 } });
    await castVote({ db, actor: fan, input: { targetType: "question", targetId: question.id, value: 1 } });
    await acceptAnswer({ db, actor: asker, answerId: answer.id });
    // answerer: 1 + 10 - 2 + 15; asker: 1 + 10 (question upvote) + 2; critic: 1 - 1 → floor 1
    expect([await reputation(answerer), await reputation(asker)]).toEqual([24, 13]);
    await expectNoDrift();

    await expect(deletePost({ db, actor: answerer, target: { type: "answer", id: answer.id } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const deleted = await deletePost({ db, actor: mod, target: { type: "answer", id: answer.id }, reason: "spam" });
    expect(deleted.reputationEventsReversed).toBe(5); // upvote, downvote (author + voter), accept (both sides)
    expect([await reputation(answerer), await reputation(asker)]).toEqual([1, 11]);
    expect((await db.question.findUniqueOrThrow({ where: { id: question.id } })).answerCount).toBe(0);
    await expectNoDrift();
    await expect(deletePost({ db, actor: mod, target: { type: "answer", id: answer.id } })).rejects.toMatchObject({ code: "CONFLICT" });
    // Votes on a deleted post are refused, so nothing can sneak reputation in meanwhile.
    await expect(castVote({ db, actor: critic, input: { targetType: "answer", targetId: answer.id, value: 0 } })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const restored = await undeletePost({ db, actor: mod, target: { type: "answer", id: answer.id } });
    expect(restored.reputationEventsRestored).toBe(5);
    expect([await reputation(answerer), await reputation(asker)]).toEqual([24, 13]);
    expect((await db.question.findUniqueOrThrow({ where: { id: question.id } })).answerCount).toBe(1);
    await expectNoDrift();

    // And the restored rows are live: retracting the vote afterwards reverses them exactly.
    await castVote({ db, actor: fan, input: { targetType: "answer", targetId: answer.id, value: 0 } });
    expect(await reputation(answerer)).toBe(14);
    await expectNoDrift();
  });

  it("deleting a question drops its tag counts and the reputation of its votes and accept; undelete restores", async () => {
    const asker = await actor("delq_asker");
    const answerer = await actor("delq_answerer");
    const fan = await actor("delq_fan");
    const mod = await actor("delq_mod", "admin");
    const question = await ask(asker, "qdelete");
    const answer = await createAnswer({ db, actor: answerer, questionId: question.id, input: { body: BODY } });
    await castVote({ db, actor: fan, input: { targetType: "question", targetId: question.id, value: 1 } });
    await castVote({ db, actor: fan, input: { targetType: "answer", targetId: answer.id, value: 1 } });
    await acceptAnswer({ db, actor: asker, answerId: answer.id });
    expect([await reputation(asker), await reputation(answerer)]).toEqual([13, 26]);
    const tagCount = async () => (await db.tag.findUniqueOrThrow({ where: { name: "qdelete" } })).questionCount;
    expect(await tagCount()).toBe(1);

    await deletePost({ db, actor: mod, target: { type: "question", id: question.id } });
    expect(await tagCount()).toBe(0);
    // The question's upvote and the accept are gone; the answer's own upvote stays with its answer.
    expect([await reputation(asker), await reputation(answerer)]).toEqual([1, 11]);
    await expectNoDrift();
    // Refused (404 or 409, as lib/answers decides): a deleted question takes no answers.
    await expect(createAnswer({ db, actor: fan, questionId: question.id, input: { body: BODY } })).rejects.toMatchObject({
      code: expect.stringMatching(/^(NOT_FOUND|CONFLICT)$/),
    });

    await undeletePost({ db, actor: mod, target: { type: "question", id: question.id } });
    expect(await tagCount()).toBe(1);
    expect([await reputation(asker), await reputation(answerer)]).toEqual([13, 26]);
    await expectNoDrift();
    const audit = await db.auditLog.findMany({ where: { actorId: mod.id }, orderBy: { id: "asc" } });
    expect(audit.map((row) => row.action)).toEqual(["question.delete", "question.undelete"]);
  });
});
