import type { Actor } from "../auth/actor";
import { AppError } from "../errors/app-error";
import { canModerate } from "../permissions/permissions";

/** What a question page needs to show its moderation status. */
export type QuestionModerationState = {
  id: number;
  closedAt: Date | null;
  closedReason: string | null;
  duplicateOfId: number | null;
  lockedAt: Date | null;
  deletedAt: Date | null;
};

export const QUESTION_MODERATION_SELECT = {
  id: true,
  closedAt: true,
  closedReason: true,
  duplicateOfId: true,
  lockedAt: true,
  deletedAt: true,
} as const;

/** Moderation is for moderators and admins; everyone else gets FORBIDDEN. */
export function assertCanModerate(actor: Actor): void {
  if (!canModerate(actor)) throw new AppError("FORBIDDEN", "Only moderators can do that");
}
