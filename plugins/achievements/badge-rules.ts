import type { Db } from "../../lib/db";
import type { ActionHookName, ActionPayload } from "../../lib/plugins/hook-types";

/**
 * A badge rule is data: which events may trigger it and who qualifies afterwards. Other
 * plugins add their own with `registerBadgeRule`; awarding is idempotent (unique per user+badge).
 */
export type BadgeRule = {
  badge: string;
  description: string;
  on: ActionHookName[];
  /** User ids that now qualify (checked against current rows, so retries are harmless). */
  qualifies: (payload: ActionPayload<ActionHookName>, db: Db) => Promise<string[]>;
};

const str = (value: unknown) => (typeof value === "string" ? value : undefined);
const num = (value: unknown) => (typeof value === "number" ? value : undefined);

export const BUILTIN_BADGE_RULES: BadgeRule[] = [
  {
    badge: "First Question",
    description: "Asked a first question",
    on: ["question.created"],
    qualifies: async (p) => [str((p as { actorId?: unknown }).actorId)].filter(Boolean) as string[],
  },
  {
    badge: "First Answer",
    description: "Posted a first answer",
    on: ["answer.created"],
    qualifies: async (p) => [str((p as { actorId?: unknown }).actorId)].filter(Boolean) as string[],
  },
  {
    badge: "Accepted",
    description: "Had an answer accepted",
    on: ["answer.accepted"],
    qualifies: async (p, db) => {
      const answerId = num((p as { answerId?: unknown }).answerId);
      const answer = answerId ? await db.answer.findUnique({ where: { id: answerId }, select: { authorId: true, question: { select: { acceptedAnswerId: true, authorId: true } } } }) : null;
      return answer && answer.question.acceptedAnswerId === answerId && answer.authorId !== answer.question.authorId ? [answer.authorId] : [];
    },
  },
  {
    badge: "Teacher",
    description: "An accepted answer with a score of 1 or more",
    on: ["answer.accepted", "vote.cast"],
    qualifies: async (p, db) => {
      // After an accept or a vote: the answer is accepted and scores 1 or more.
      const data = p as { answerId?: unknown; targetType?: unknown; targetId?: unknown };
      const answerId = num(data.answerId) ?? (data.targetType === "answer" ? num(data.targetId) : undefined);
      if (!answerId) return [];
      const answer = await db.answer.findUnique({ where: { id: answerId }, select: { authorId: true, voteScore: true, question: { select: { acceptedAnswerId: true } } } });
      return answer && answer.question.acceptedAnswerId === answerId && answer.voteScore >= 1 ? [answer.authorId] : [];
    },
  },
  {
    badge: "Nice Answer",
    description: "An answer with a score of 10 or more",
    on: ["vote.cast"],
    qualifies: async (p, db) => {
      const vote = p as { targetType?: unknown; targetId?: unknown };
      if (vote.targetType !== "answer" || typeof vote.targetId !== "number") return [];
      const answer = await db.answer.findUnique({ where: { id: vote.targetId }, select: { authorId: true, voteScore: true } });
      return answer && answer.voteScore >= 10 ? [answer.authorId] : [];
    },
  },
  {
    badge: "Enthusiast",
    description: "Cast 10 votes",
    on: ["vote.cast"],
    qualifies: async (p, db) => {
      const actorId = str((p as { actorId?: unknown }).actorId);
      if (!actorId) return [];
      return (await db.vote.count({ where: { userId: actorId } })) >= 10 ? [actorId] : [];
    },
  },
];

const extraRules: BadgeRule[] = [];

export function registerBadgeRule(rule: BadgeRule): void {
  extraRules.push(rule);
}

export function badgeRules(): BadgeRule[] {
  return [...BUILTIN_BADGE_RULES, ...extraRules];
}
