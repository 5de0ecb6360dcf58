import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor";
import { canAccept, canAnswer, canEditPost, canModerate, canVote, canWrite } from "./permissions";

const author: Actor = { id: "author", username: "author", role: "user", banned: false };
const other: Actor = { id: "other", username: "other", role: "user", banned: false };
const moderator: Actor = { id: "mod", username: "mod", role: "moderator", banned: false };
const admin: Actor = { id: "admin", username: "admin", role: "admin", banned: false };
const banned: Actor = { id: "author", username: "author", role: "user", banned: true };
const post = { authorId: "author", deletedAt: null, closedAt: null, lockedAt: null };

// role × write action → allowed?
const MATRIX: Array<[string, Actor | null, Record<string, boolean>]> = [
  ["anonymous", null, { write: false, edit: false, answer: false, vote: false, accept: false, moderate: false }],
  ["author", author, { write: true, edit: true, answer: true, vote: false, accept: true, moderate: false }],
  ["other user", other, { write: true, edit: false, answer: true, vote: true, accept: false, moderate: false }],
  ["moderator", moderator, { write: true, edit: true, answer: true, vote: true, accept: false, moderate: true }],
  ["admin", admin, { write: true, edit: true, answer: true, vote: true, accept: false, moderate: true }],
  ["banned author", banned, { write: false, edit: false, answer: false, vote: false, accept: false, moderate: false }],
];

describe("permissions matrix", () => {
  it.each(MATRIX)("%s", (_name, actor, expected) => {
    expect({
      write: canWrite(actor),
      edit: canEditPost(actor, post),
      answer: canAnswer(actor, post),
      vote: canVote(actor, post),
      accept: canAccept(actor, post),
      moderate: canModerate(actor),
    }).toEqual(expected);
  });

  it("closed, locked and deleted questions take no answers", () => {
    expect(canAnswer(other, { ...post, closedAt: new Date() })).toBe(false);
    expect(canAnswer(other, { ...post, lockedAt: new Date() })).toBe(false);
    expect(canAnswer(other, { ...post, deletedAt: new Date() })).toBe(false);
    expect(canEditPost(author, { ...post, deletedAt: new Date() })).toBe(false);
    expect(canEditPost(moderator, { ...post, deletedAt: new Date() })).toBe(true);
  });
});
