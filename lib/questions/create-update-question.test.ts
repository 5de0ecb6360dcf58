import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createDb, type Db } from "@/lib/db";
import { createMigratedTestDatabase } from "@/test/helpers/migrated-test-database";
import { appErrorOf, BODY, makeActor, questionInput, useTestConfig } from "@/test/helpers/qa-fixtures";
import type { TestDatabase } from "@/test/helpers/test-database";
import { createQuestion } from "./create-question";
import { getQuestion } from "./get-question";
import { updateQuestion } from "./update-question";

useTestConfig({ redisPrefix: `test-qcu-${process.pid}` });

describe("createQuestion / updateQuestion", () => {
  let database: TestDatabase;
  let db: Db;
  let author: Actor, other: Actor, moderator: Actor, admin: Actor, banned: Actor;

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    db = createDb({ databaseUrl: database.url });
    author = await makeActor(db, "author");
    other = await makeActor(db, "other");
    moderator = await makeActor(db, "moderator", { role: "moderator" });
    admin = await makeActor(db, "admin", { role: "admin" });
    banned = await makeActor(db, "banned", { banned: true });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  const tagCount = async (name: string) => (await db.tag.findUnique({ where: { name } }))?.questionCount ?? null;

  describe("validation: each rule fails with its field", () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ["title missing", { body: BODY, tags: ["a"] }, "title"],
      ["title under 15", { title: "Too short", body: BODY, tags: ["a"] }, "title"],
      ["title over 150", { title: "x".repeat(151), body: BODY, tags: ["a"] }, "title"],
      ["title of spaces", { title: " ".repeat(20), body: BODY, tags: ["a"] }, "title"],
      ["body missing", { title: "A perfectly fine title", tags: ["a"] }, "body"],
      ["body under 30", { title: "A perfectly fine title", body: "short body", tags: ["a"] }, "body"],
      ["body over 30,000", { title: "A perfectly fine title", body: "y".repeat(30_001), tags: ["a"] }, "body"],
      ["tags missing", { title: "A perfectly fine title", body: BODY }, "tags"],
      ["no tags", { title: "A perfectly fine title", body: BODY, tags: [] }, "tags"],
      ["six tags", { title: "A perfectly fine title", body: BODY, tags: ["a", "b", "c", "d", "e", "f"] }, "tags"],
      ["tag with a space", { title: "A perfectly fine title", body: BODY, tags: ["two words"] }, "tags"],
      ["tag starting with a dash", { title: "A perfectly fine title", body: BODY, tags: ["-dash"] }, "tags"],
      ["tag over 35 characters", { title: "A perfectly fine title", body: BODY, tags: ["t".repeat(36)] }, "tags"],
      ["tags not a list", { title: "A perfectly fine title", body: BODY, tags: "javascript" }, "tags"],
    ];
    for (const [name, input, field] of cases) {
      it(name, async () => {
        const error = await appErrorOf(createQuestion({ db, actor: author, input }));
        expect(error.code).toBe("VALIDATION_FAILED");
        expect(Object.keys(error.details.fields ?? {})).toContain(field);
      });
    }

    it("reports every failing field at once", async () => {
      const error = await appErrorOf(createQuestion({ db, actor: author, input: { title: "x", body: "y", tags: [] } }));
      expect(Object.keys(error.details.fields ?? {}).sort()).toEqual(["body", "tags", "title"]);
    });

    it("accepts the boundaries: 15/150-char titles, a 30-char body, 5 tags like c++ c# node.js", async () => {
      const shortest = await createQuestion({ db, actor: author, input: { title: "t".repeat(15), body: "b".repeat(30), tags: ["a"] } });
      expect(shortest.title).toHaveLength(15);
      const longest = await createQuestion({ db, actor: author, input: { title: "t".repeat(150), body: "b".repeat(30), tags: ["c++", "c#", "node.js", "x-y", "a1"] } });
      expect(longest.tags).toEqual(["a1", "c#", "c++", "node.js", "x-y"]);
      const dotFirst = await appErrorOf(createQuestion({ db, actor: author, input: { title: "t".repeat(15), body: "b".repeat(30), tags: [".net"] } }));
      expect(dotFirst.details.fields).toHaveProperty("tags");
    });
  });

  it("creates the question, its tags (lower-cased, deduped, counted) and the asker's follow in one go", async () => {
    const before = await tagCount("python");
    const question = await createQuestion({
      db,
      actor: author,
      input: { title: "  How do I reverse a list in Python?  ", body: BODY, tags: ["Python", "python", "Lists-2"] },
    });
    expect(question).toMatchObject({
      title: "How do I reverse a list in Python?",
      body: BODY,
      tags: ["lists-2", "python"],
      voteScore: 0,
      answerCount: 0,
      acceptedAnswerId: null,
      myVote: 0,
      following: true,
      author: { username: "author", name: "author", reputation: 1 },
    });
    expect(question.bodyHtml).toContain("<strong>markdown</strong>");
    expect(await tagCount("python")).toBe((before ?? 0) + 1);
    expect(await tagCount("lists-2")).toBe(1);
    expect(await db.follow.count({ where: { questionId: question.id, userId: author.id } })).toBe(1);
  });

  it("runs onWithinTransaction inside the transaction: a throw there writes nothing", async () => {
    const questionsBefore = await db.question.count();
    let seen: { id: number; tags: string[] } | undefined;
    const error = await appErrorOf(
      createQuestion({
        db,
        actor: author,
        input: questionInput("rollback", { tags: ["rollback-only"] }),
        onWithinTransaction: async (tx, created) => {
          seen = created;
          // the hook sees the uncommitted rows through its transaction client
          expect(await tx.question.count({ where: { id: created.id } })).toBe(1);
          throw new Error("outbox write failed");
        },
      }),
    );
    expect(String(error)).toContain("outbox write failed");
    expect(seen?.tags).toEqual(["rollback-only"]);
    expect(await db.question.count()).toBe(questionsBefore);
    expect(await db.tag.findUnique({ where: { name: "rollback-only" } })).toBeNull();
  });

  it("refuses anonymous (401) and banned (403) askers", async () => {
    expect((await appErrorOf(createQuestion({ db, actor: null, input: questionInput(1) }))).code).toBe("UNAUTHENTICATED");
    expect((await appErrorOf(createQuestion({ db, actor: banned, input: questionInput(1) }))).code).toBe("FORBIDDEN");
  });

  describe("edit permissions: each role", () => {
    const matrix: Array<[string, () => Actor | null, string | null]> = [
      ["anonymous", () => null, "UNAUTHENTICATED"],
      ["author", () => author, null],
      ["another user", () => other, "FORBIDDEN"],
      ["moderator", () => moderator, null],
      ["admin", () => admin, null],
      ["banned", () => banned, "FORBIDDEN"],
    ];
    for (const [who, actor, expected] of matrix) {
      it(`${who} → ${expected ?? "allowed"}`, async () => {
        const question = await createQuestion({ db, actor: author, input: questionInput(`edit-${who}`) });
        const edit = updateQuestion({ db, actor: actor(), questionId: question.id, input: { title: `Edited by ${who}, long enough` } });
        if (expected) {
          expect((await appErrorOf(edit)).code).toBe(expected);
          expect((await getQuestion({ db, id: question.id })).title).toBe(question.title);
        } else {
          expect((await edit).title).toBe(`Edited by ${who}, long enough`);
        }
      });
    }
  });

  it("re-counts tags on retag, keeps untouched fields, bumps lastActivityAt", async () => {
    const question = await createQuestion({ db, actor: author, input: questionInput("retag", { tags: ["keep-me", "drop-me"] }) });
    const updated = await updateQuestion({ db, actor: author, questionId: question.id, input: { tags: ["keep-me", "Add-Me"] } });
    expect(updated.tags).toEqual(["add-me", "keep-me"]);
    expect(updated.title).toBe(question.title);
    expect(updated.body).toBe(question.body);
    expect(updated.lastActivityAt.getTime()).toBeGreaterThanOrEqual(question.lastActivityAt.getTime());
    expect(await tagCount("keep-me")).toBe(1);
    expect(await tagCount("drop-me")).toBe(0);
    expect(await tagCount("add-me")).toBe(1);
  });

  it("validates edits (at least one field; same rules) and answers NOT_FOUND for missing questions", async () => {
    const question = await createQuestion({ db, actor: author, input: questionInput("validate-edit") });
    expect((await appErrorOf(updateQuestion({ db, actor: author, questionId: question.id, input: {} }))).code).toBe("VALIDATION_FAILED");
    const short = await appErrorOf(updateQuestion({ db, actor: author, questionId: question.id, input: { title: "short" } }));
    expect(short.details.fields).toHaveProperty("title");
    expect((await appErrorOf(updateQuestion({ db, actor: author, questionId: 99_999_999, input: { title: "Long enough title here" } }))).code).toBe("NOT_FOUND");
  });

  it("locked questions: the author gets CONFLICT, a moderator can still edit", async () => {
    const question = await createQuestion({ db, actor: author, input: questionInput("locked") });
    await db.question.update({ where: { id: question.id }, data: { lockedAt: new Date() } });
    expect((await appErrorOf(updateQuestion({ db, actor: author, questionId: question.id, input: { title: "Author tries an edit" } }))).code).toBe("CONFLICT");
    expect((await updateQuestion({ db, actor: moderator, questionId: question.id, input: { title: "Moderator fixes the title" } })).lockedAt).not.toBeNull();
  });

  it("deleted questions are not found for readers and users, editable by staff", async () => {
    const question = await createQuestion({ db, actor: author, input: questionInput("deleted") });
    await db.question.update({ where: { id: question.id }, data: { deletedAt: new Date() } });
    expect((await appErrorOf(getQuestion({ db, id: question.id }))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(updateQuestion({ db, actor: author, questionId: question.id, input: { title: "Author edits deleted post" } }))).code).toBe("NOT_FOUND");
    expect((await updateQuestion({ db, actor: admin, questionId: question.id, input: { title: "Admin edits deleted post" } })).deletedAt).not.toBeNull();
  });

  it("getQuestion reads the reader's vote and follow", async () => {
    const question = await createQuestion({ db, actor: author, input: questionInput("reader") });
    await db.vote.create({ data: { userId: other.id, questionId: question.id, value: -1 } });
    expect(await getQuestion({ db, id: question.id, actorId: other.id })).toMatchObject({ myVote: -1, following: false });
    expect(await getQuestion({ db, id: question.id, actorId: author.id })).toMatchObject({ myVote: 0, following: true });
    expect(await getQuestion({ db, id: question.id })).toMatchObject({ myVote: 0, following: false });
  });
});
