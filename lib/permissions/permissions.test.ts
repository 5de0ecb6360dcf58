import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor";
import {
  canAccept,
  canAnswer,
  canAskQuestion,
  canEditAnswer,
  canEditQuestion,
  canFollow,
  canModerate,
  canVote,
  canWrite,
} from "./permissions";

const author: Actor = { id: "author", username: "author", role: "user", banned: false };
const other: Actor = { id: "other", username: "other", role: "user", banned: false };
const moderator: Actor = { id: "mod", username: "mod", role: "moderator", banned: false };
const admin: Actor = { id: "admin", username: "admin", role: "admin", banned: false };
const bannedAuthor: Actor = { ...author, banned: true };
const bannedAdmin: Actor = { ...admin, banned: true };

const actors = { anonymous: null, author, other, moderator, admin, bannedAuthor, bannedAdmin } as const;
type Who = keyof typeof actors;

const post = { authorId: "author" };
const locked = { authorId: "author", lockedAt: new Date() };
const closed = { authorId: "author", closedAt: new Date() };
const deleted = { authorId: "author", deletedAt: new Date() };

// Every role × every write: the expected yes/no, row by row.
const matrix: Array<[string, (actor: Actor | null) => boolean, Record<Who, boolean>]> = [
  ["write at all", canWrite, { anonymous: false, author: true, other: true, moderator: true, admin: true, bannedAuthor: false, bannedAdmin: false }],
  ["ask", canAskQuestion, { anonymous: false, author: true, other: true, moderator: true, admin: true, bannedAuthor: false, bannedAdmin: false }],
  ["moderate", canModerate, { anonymous: false, author: false, other: false, moderator: true, admin: true, bannedAuthor: false, bannedAdmin: false }],
  ["edit question", (a) => canEditQuestion(a, post), { anonymous: false, author: true, other: false, moderator: true, admin: true, bannedAuthor: false, bannedAdmin: false }],
  ["edit locked question", (a) => canEditQuestion(a, locked), { anonymous: false, author: false, other: false, moderator: true, admin: true, bannedAuthor: false, bannedAdmin: false }],
  ["edit deleted question", (a) => canEditQuestion(a, deleted), { anonymous: false, author: false, other: false, moderator: true, admin: true, bannedAuthor: false, bannedAdmin: false }],
  ["edit answer", (a) => canEditAnswer(a, post), { anonymous: false, author: true, other: false, moderator: true, admin: true, bannedAuthor: false, bannedAdmin: false }],
  ["edit answer on locked question", (a) => canEditAnswer(a, post, { lockedAt: new Date() }), { anonymous: false, author: false, other: false, moderator: true, admin: true, bannedAuthor: false, bannedAdmin: false }],
  ["answer", (a) => canAnswer(a, post), { anonymous: false, author: true, other: true, moderator: true, admin: true, bannedAuthor: false, bannedAdmin: false }],
  ["answer closed question", (a) => canAnswer(a, closed), { anonymous: false, author: false, other: false, moderator: false, admin: false, bannedAuthor: false, bannedAdmin: false }],
  ["answer locked question", (a) => canAnswer(a, locked), { anonymous: false, author: false, other: false, moderator: false, admin: false, bannedAuthor: false, bannedAdmin: false }],
  ["follow", (a) => canFollow(a, { deletedAt: null }), { anonymous: false, author: true, other: true, moderator: true, admin: true, bannedAuthor: false, bannedAdmin: false }],
  ["follow deleted question", (a) => canFollow(a, deleted), { anonymous: false, author: false, other: false, moderator: false, admin: false, bannedAuthor: false, bannedAdmin: false }],
  ["vote", (a) => canVote(a, post), { anonymous: false, author: false, other: true, moderator: true, admin: true, bannedAuthor: false, bannedAdmin: false }],
  ["accept", (a) => canAccept(a, post), { anonymous: false, author: true, other: false, moderator: false, admin: false, bannedAuthor: false, bannedAdmin: false }],
];

describe("permissions matrix", () => {
  for (const [action, check, expected] of matrix) {
    it(action, () => {
      const actual = Object.fromEntries(Object.entries(actors).map(([who, actor]) => [who, check(actor)]));
      expect(actual).toEqual(expected);
    });
  }
});
