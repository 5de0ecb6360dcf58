import type { Actor } from "../auth/actor";
import { isStaff } from "../auth/roles";

/**
 * Pure permission checks (no I/O), covered by a role × action matrix test. Domain functions call
 * these and throw FORBIDDEN when they say no; state conflicts (closed, locked) are the domain's
 * CONFLICT, decided separately, so "who may" and "is it open" never blur.
 */

type Post = { authorId: string; deletedAt?: Date | null };
type QuestionState = Post & { closedAt?: Date | null; lockedAt?: Date | null };

/** Signed in and not banned: the floor for every write. */
export function canWrite(actor: Actor | null): actor is Actor {
  return actor !== null && !actor.banned;
}

export function canModerate(actor: Actor | null): boolean {
  return canWrite(actor) && isStaff(actor.role);
}

export function canAskQuestion(actor: Actor | null): boolean {
  return canWrite(actor);
}

/** Authors edit their own posts; moderators and admins edit any, including deleted ones. */
export function canEditPost(actor: Actor | null, post: Post): boolean {
  if (!canWrite(actor)) return false;
  if (post.deletedAt && !isStaff(actor.role)) return false;
  return actor.id === post.authorId || isStaff(actor.role);
}

/** A locked question is frozen for its author too; staff can still fix it. */
export function canEditQuestion(actor: Actor | null, question: QuestionState): boolean {
  if (!canEditPost(actor, question)) return false;
  return !question.lockedAt || isStaff(actor!.role);
}

export function canEditAnswer(actor: Actor | null, answer: Post, question?: { lockedAt?: Date | null }): boolean {
  if (!canEditPost(actor, answer)) return false;
  return !question?.lockedAt || isStaff(actor!.role);
}

export function canAnswer(actor: Actor | null, question: QuestionState): boolean {
  return canWrite(actor) && !question.deletedAt && !question.closedAt && !question.lockedAt;
}

export function canFollow(actor: Actor | null, question: { deletedAt?: Date | null }): boolean {
  return canWrite(actor) && !question.deletedAt;
}

export function canVote(actor: Actor | null, post: Post): boolean {
  return canWrite(actor) && !post.deletedAt && actor.id !== post.authorId;
}

export function canAccept(actor: Actor | null, question: Post): boolean {
  return canWrite(actor) && !question.deletedAt && actor.id === question.authorId;
}
