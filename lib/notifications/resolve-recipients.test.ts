import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db";
import { createMigratedTestDatabase } from "../../test/helpers/migrated-test-database";
import { follow, makeAnswer, makeQuestion, makeUser } from "../../test/helpers/notify-fixtures";
import { resolveRecipients } from "./resolve-recipients";

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

const byUser = (recipients: Array<{ userId: string; type: string }>) =>
  Object.fromEntries(recipients.map((recipient) => [recipient.userId, recipient.type]));

describe("resolveRecipients", () => {
  it("answer.created: question author (answer), followers (followed_activity), mentioned users (mention)", async () => {
    const asker = await makeUser(db, "rr_asker");
    const answerer = await makeUser(db, "rr_answerer");
    const fan = await makeUser(db, "rr_fan");
    const named = await makeUser(db, "rr_named");
    const bystander = await makeUser(db, "rr_bystander");
    const question = await makeQuestion(db, asker.id);
    await follow(db, fan.id, question.id);
    const answer = await makeAnswer(db, question.id, answerer.id, "Ping @rr_named and @nobody_here");
    const recipients = await resolveRecipients({
      db,
      event: { type: "answer.created", payload: { answerId: answer.id, questionId: question.id, actorId: answerer.id } },
    });
    expect(byUser(recipients)).toEqual({ [asker.id]: "answer", [fan.id]: "followed_activity", [named.id]: "mention" });
    expect(recipients.some((recipient) => recipient.userId === bystander.id)).toBe(false);
  });

  it("never notifies the actor, even when they follow, asked, or mention themselves", async () => {
    const asker = await makeUser(db, "rr_self");
    const question = await makeQuestion(db, asker.id);
    await follow(db, asker.id, question.id);
    const answer = await makeAnswer(db, question.id, asker.id, "note to @rr_self");
    const recipients = await resolveRecipients({
      db,
      event: { type: "answer.created", payload: { answerId: answer.id, questionId: question.id, actorId: asker.id } },
    });
    expect(recipients).toEqual([]);
  });

  it("skips banned users (asker, follower, mentioned) but not an expired ban", async () => {
    const asker = await makeUser(db, "rr_banned_asker", { banned: true });
    const answerer = await makeUser(db, "rr_ans2");
    const bannedFan = await makeUser(db, "rr_banned_fan", { banned: true });
    await makeUser(db, "rr_banned_named", { banned: true, banExpires: new Date(Date.now() + 3_600_000) });
    const paroled = await makeUser(db, "rr_paroled", { banned: true, banExpires: new Date(Date.now() - 1000) });
    const question = await makeQuestion(db, asker.id);
    await follow(db, bannedFan.id, question.id);
    await follow(db, paroled.id, question.id);
    const answer = await makeAnswer(db, question.id, answerer.id, "@rr_banned_named look");
    const recipients = await resolveRecipients({
      db,
      event: { type: "answer.created", payload: { answerId: answer.id, questionId: question.id, actorId: answerer.id } },
    });
    expect(byUser(recipients)).toEqual({ [paroled.id]: "followed_activity" });
  });

  it("one notification per user, mention > answer > followed_activity", async () => {
    const asker = await makeUser(db, "rr_prec_asker");
    const answerer = await makeUser(db, "rr_prec_ans");
    const fanAndNamed = await makeUser(db, "rr_prec_fan");
    const question = await makeQuestion(db, asker.id);
    await follow(db, asker.id, question.id);
    await follow(db, fanAndNamed.id, question.id);
    const answer = await makeAnswer(db, question.id, answerer.id, "cc @rr_prec_fan");
    const recipients = await resolveRecipients({
      db,
      event: { type: "answer.created", payload: { answerId: answer.id, questionId: question.id, actorId: answerer.id } },
    });
    expect(recipients).toHaveLength(2);
    expect(byUser(recipients)).toEqual({ [asker.id]: "answer", [fanAndNamed.id]: "mention" });

    const answer2 = await makeAnswer(db, question.id, answerer.id, "@rr_prec_asker here is more");
    const again = await resolveRecipients({
      db,
      event: { type: "answer.created", payload: { answerId: answer2.id, questionId: question.id, actorId: answerer.id } },
    });
    expect(byUser(again)).toEqual({ [asker.id]: "mention", [fanAndNamed.id]: "followed_activity" });
  });

  it("at most 20 mentions notify (the first 20)", async () => {
    const author = await makeUser(db, "rr_many_author");
    const users = [];
    for (let i = 0; i < 25; i++) users.push(await makeUser(db, `rr_m${String(i).padStart(2, "0")}`));
    const body = users.map((user) => `@${user.username}`).join(" ");
    const question = await makeQuestion(db, author.id, body);
    const recipients = await resolveRecipients({
      db,
      event: { type: "question.created", payload: { questionId: question.id, actorId: author.id } },
    });
    expect(recipients).toHaveLength(20);
    expect(recipients.every((recipient) => recipient.type === "mention")).toBe(true);
    expect(new Set(recipients.map((recipient) => recipient.userId))).toEqual(new Set(users.slice(0, 20).map((user) => user.id)));
  });

  it("ignores mentions inside inline code and code blocks", async () => {
    const author = await makeUser(db, "rr_code_author");
    const inline = await makeUser(db, "rr_inline");
    const fenced = await makeUser(db, "rr_fenced");
    const real = await makeUser(db, "rr_real");
    const body = "Try `@rr_inline` first.\n\n```\nnpm i @rr_fenced\n```\n\nThanks @rr_real";
    const question = await makeQuestion(db, author.id, body);
    const recipients = await resolveRecipients({
      db,
      event: { type: "question.created", payload: { questionId: question.id, actorId: author.id } },
    });
    expect(byUser(recipients)).toEqual({ [real.id]: "mention" });
    expect(recipients.some((r) => r.userId === inline.id || r.userId === fenced.id)).toBe(false);
  });

  it("answer.accepted notifies the answer's author, not a self-accept, not once un-accepted", async () => {
    const asker = await makeUser(db, "rr_acc_asker");
    const answerer = await makeUser(db, "rr_acc_ans");
    const question = await makeQuestion(db, asker.id);
    const answer = await makeAnswer(db, question.id, answerer.id);
    const event = { type: "answer.accepted" as const, payload: { answerId: answer.id, questionId: question.id, actorId: asker.id } };
    expect(await resolveRecipients({ db, event })).toEqual([]); // not accepted (yet)
    await db.question.update({ where: { id: question.id }, data: { acceptedAnswerId: answer.id } });
    expect(await resolveRecipients({ db, event })).toEqual([{ userId: answerer.id, type: "accepted" }]);

    const own = await makeAnswer(db, question.id, asker.id);
    await db.question.update({ where: { id: question.id }, data: { acceptedAnswerId: own.id } });
    const selfAccept = { type: "answer.accepted" as const, payload: { answerId: own.id, questionId: question.id, actorId: asker.id } };
    expect(await resolveRecipients({ db, event: selfAccept })).toEqual([]);
  });

  it("events without notifications and deleted posts resolve to nobody", async () => {
    const asker = await makeUser(db, "rr_del_asker");
    const answerer = await makeUser(db, "rr_del_ans");
    const question = await makeQuestion(db, asker.id);
    const answer = await makeAnswer(db, question.id, answerer.id);
    await db.answer.update({ where: { id: answer.id }, data: { deletedAt: new Date() } });
    expect(
      await resolveRecipients({
        db,
        event: { type: "answer.created", payload: { answerId: answer.id, questionId: question.id, actorId: answerer.id } },
      }),
    ).toEqual([]);
    expect(
      await resolveRecipients({
        db,
        event: { type: "vote.cast", payload: { targetType: "question", targetId: question.id, value: 1, actorId: answerer.id } },
      }),
    ).toEqual([]);
  });
});
