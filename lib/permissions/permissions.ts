import type { Actor } from "../auth/actor";
import { isStaff } from "../auth/roles";

/** Pure permission checks (no I/O), covered by a role × action matrix test. */

type Post = { authorId: string; deletedAt?: Date | null };
type QuestionState = Post & { closedAt?: Date | null; lockedAt?: Date | null };

export function canWrite(actor: Actor | null): actor is Actor {
  return actor !== null && !actor.banned;
}

export function canModerate(actor: Actor | null): boolean {
  return canWrite(actor) && isStaff(actor.role);
}

export function canEditPost(actor: Actor | null, post: Post): boolean {
  if (!canWrite(actor)) return false;
  if (post.deletedAt && !isStaff(actor.role)) return false;
  return actor.id === post.authorId || isStaff(actor.role);
}

export function canAnswer(actor: Actor | null, question: QuestionState): boolean {
  return canWrite(actor) && !question.deletedAt && !question.closedAt && !question.lockedAt;
}

export function canVote(actor: Actor | null, post: Post): boolean {
  return canWrite(actor) && !post.deletedAt && actor.id !== post.authorId;
}

export function canAccept(actor: Actor | null, question: Post): boolean {
  return canWrite(actor) && !question.deletedAt && actor.id === question.authorId;
}
