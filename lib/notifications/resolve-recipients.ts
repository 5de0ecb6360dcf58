import { isBanActive } from "../auth/actor";
import type { Db } from "../db";
import type { DomainEvent } from "../events/event-types";
import { extractMentions } from "../markdown/extract-mentions";
import { MAX_MENTIONS, RECIPIENT_PRECEDENCE, type NotificationType, type Recipient } from "./notification-types";

export type ResolveRecipientsOptions = { db: Db; event: DomainEvent };

/**
 * Who hears about an event, and why. One entry per user (precedence mention > answer >
 * followed_activity), never the actor, never a banned user. Reads current rows: a post deleted
 * before the job ran notifies nobody.
 */
export async function resolveRecipients(options: ResolveRecipientsOptions): Promise<Recipient[]> {
  const { db, event } = options;
  const candidates: Recipient[] = [];
  let actorId: string | undefined;
  switch (event.type) {
    case "answer.created": {
      actorId = event.payload.actorId;
      const answer = await db.answer.findUnique({
        where: { id: event.payload.answerId },
        select: { body: true, deletedAt: true, question: { select: { id: true, authorId: true, deletedAt: true } } },
      });
      if (!answer || answer.deletedAt || answer.question.deletedAt) return [];
      const [mentioned, followers] = await Promise.all([
        findMentionedUserIds(db, answer.body),
        db.follow.findMany({ where: { questionId: answer.question.id }, select: { userId: true } }),
      ]);
      candidates.push(...mentioned.map((userId) => ({ userId, type: "mention" as const })));
      candidates.push({ userId: answer.question.authorId, type: "answer" });
      candidates.push(...followers.map(({ userId }) => ({ userId, type: "followed_activity" as const })));
      break;
    }
    case "question.created": {
      actorId = event.payload.actorId;
      const question = await db.question.findUnique({
        where: { id: event.payload.questionId },
        select: { body: true, deletedAt: true },
      });
      if (!question || question.deletedAt) return [];
      const mentioned = await findMentionedUserIds(db, question.body);
      candidates.push(...mentioned.map((userId) => ({ userId, type: "mention" as const })));
      break;
    }
    case "answer.accepted": {
      actorId = event.payload.actorId;
      const answer = await db.answer.findUnique({
        where: { id: event.payload.answerId },
        select: { authorId: true, deletedAt: true, acceptedBy: { select: { id: true } } },
      });
      // Un-accepted (or deleted) before the job ran: "your answer was accepted" would be false.
      if (!answer || answer.deletedAt || !answer.acceptedBy) return [];
      candidates.push({ userId: answer.authorId, type: "accepted" });
      break;
    }
    default:
      return [];
  }
  return excludeIneligible(db, dedupeByPrecedence(candidates), actorId);
}

async function findMentionedUserIds(db: Db, source: string): Promise<string[]> {
  const usernames = extractMentions({ source, limit: MAX_MENTIONS }).slice(0, MAX_MENTIONS);
  if (usernames.length === 0) return [];
  const users = await db.user.findMany({ where: { username: { in: usernames } }, select: { id: true } });
  return users.map((user) => user.id);
}

function dedupeByPrecedence(candidates: Recipient[]): Recipient[] {
  const rank = (type: NotificationType) => RECIPIENT_PRECEDENCE.indexOf(type);
  const best = new Map<string, Recipient>();
  for (const candidate of candidates) {
    const current = best.get(candidate.userId);
    if (!current || rank(candidate.type) < rank(current.type)) best.set(candidate.userId, candidate);
  }
  return [...best.values()];
}

async function excludeIneligible(db: Db, recipients: Recipient[], actorId: string | undefined): Promise<Recipient[]> {
  const others = recipients.filter((recipient) => recipient.userId !== actorId);
  if (others.length === 0) return [];
  const users = await db.user.findMany({
    where: { id: { in: others.map((recipient) => recipient.userId) } },
    select: { id: true, banned: true, banExpires: true },
  });
  const eligible = new Set(users.filter((user) => !isBanActive(user)).map((user) => user.id));
  return others.filter((recipient) => eligible.has(recipient.userId));
}
