import type { Actor } from "../auth/actor";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import { canFollow, canWrite } from "../permissions/permissions";

export type SetFollowingOptions = { db: Db; actor: Actor | null; questionId: number; following: boolean };

/**
 * Follows or unfollows a question (idempotent: following twice is one row). Followers hear of
 * new answers (notifications, `followed_activity`).
 */
export async function setFollowing(options: SetFollowingOptions): Promise<{ following: boolean }> {
  const { db, actor, questionId } = options;
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to follow questions");
  if (!canWrite(actor)) throw new AppError("FORBIDDEN", "Your account is banned");
  const question = await db.question.findUnique({ where: { id: questionId }, select: { deletedAt: true } });
  if (!question || !canFollow(actor, question)) throw new AppError("NOT_FOUND", "Question not found");
  if (options.following) {
    await db.follow.createMany({ data: [{ userId: actor.id, questionId }], skipDuplicates: true });
  } else {
    await db.follow.deleteMany({ where: { userId: actor.id, questionId } });
  }
  return { following: options.following };
}
