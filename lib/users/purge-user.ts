import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { writeAuditLog } from "../audit/write-audit-log";
import { reverseSourceReputation } from "../moderation/reverse-source-reputation";
import { refreshReputation } from "../reputation/refresh-reputation";
import { findUser } from "./find-user";
import { assertAdmin, type Operator, operatorId } from "./operator";

export type PurgeUserOptions = {
  db: Db;
  operator: Operator;
  login: string;
  /** Compute the exact summary inside a transaction that is then rolled back. */
  dryRun?: boolean;
};

export type PurgeSummary = {
  userId: string;
  username: string;
  dryRun: boolean;
  /** Their questions (with every answer on them) and their answers elsewhere. */
  questions: number;
  otherAnswers: number;
  answers: number;
  /** Of their answers, how many were accepted (the accept is undone). */
  acceptsUndone: number;
  votesCast: number;
  votesOnTheirPosts: number;
  reputationEventsReversed: number;
  /** Users whose reputation changed (including the purged user). */
  usersAffected: number;
  notificationsRemoved: number;
  /** Recipients whose unread count changed: the caller drops their Redis copy after commit. */
  notifiedUserIds: string[];
};

class DryRunRollback extends Error {
  constructor(readonly summary: PurgeSummary) {
    super("dry run");
  }
}

/**
 * Removes a spammer's questions (with the answers on them), answers and votes, and everything
 * they counted for, in ONE transaction: vote scores of posts they voted on, answer counts, tag
 * counts, accepted answers pointing at their answers, notifications their posts caused, and
 * reputation — every live ledger row caused by a removed vote or accept is reversed, for the
 * voter and the author alike. The account itself stays (ban it separately); afterwards
 * `checkIntegrity` finds no drift. A dry run does all of it and rolls back.
 */
export async function purgeUser(options: PurgeUserOptions): Promise<PurgeSummary> {
  assertAdmin(options.operator);
  const user = await findUser({ db: options.db, login: options.login });
  const dryRun = options.dryRun ?? false;
  try {
    return await options.db.$transaction(
      async (tx) => {
        const summary = await purgeInTransaction(tx, user, operatorId(options.operator), dryRun);
        if (dryRun) throw new DryRunRollback(summary);
        return summary;
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  } catch (error) {
    if (error instanceof DryRunRollback) return error.summary;
    throw error;
  }
}

async function purgeInTransaction(
  tx: Prisma.TransactionClient,
  user: { id: string; username: string },
  actorId: string | null,
  dryRun: boolean,
): Promise<PurgeSummary> {
  const userId = user.id;
  // Lock the user's posts' questions first (answer creation and accepting lock the question too).
  const questions = await tx.$queryRaw<Array<{ id: number; deletedAt: Date | null; acceptedAnswerId: number | null }>>`
    SELECT id, "deletedAt", "acceptedAnswerId" FROM question WHERE "authorId" = ${userId} ORDER BY id FOR UPDATE`;
  const questionIds = questions.map((q) => q.id);
  const answers = await tx.answer.findMany({ where: { authorId: userId }, select: { id: true, questionId: true, deletedAt: true } });
  const answerIds = answers.map((a) => a.id);
  const otherAnswers = await tx.answer.findMany({
    where: { questionId: { in: questionIds }, authorId: { not: userId } },
    select: { id: true },
  });
  const scopeAnswerIds = [...answerIds, ...otherAnswers.map((a) => a.id)];
  const votesCast = await tx.vote.findMany({ where: { userId }, select: { id: true, questionId: true, answerId: true, value: true } });
  const votesOnPosts = await tx.vote.findMany({
    where: { userId: { not: userId }, OR: [{ questionId: { in: questionIds } }, { answerId: { in: scopeAnswerIds } }] },
    select: { id: true },
  });
  const acceptedElsewhere = await tx.question.findMany({
    where: { acceptedAnswerId: { in: answerIds }, id: { notIn: questionIds } },
    select: { id: true, acceptedAnswerId: true },
  });
  const acceptAnswerIds = [
    ...acceptedElsewhere.map((q) => q.acceptedAnswerId as number),
    ...questions.flatMap((q) => (q.acceptedAnswerId === null ? [] : [q.acceptedAnswerId])),
  ];

  // 1. Scores of surviving posts they voted on.
  const scopeAnswers = new Set(scopeAnswerIds);
  const scopeQuestions = new Set(questionIds);
  for (const vote of [...votesCast].sort((a, b) => a.id - b.id)) {
    if (vote.questionId !== null && !scopeQuestions.has(vote.questionId)) {
      await tx.question.update({ where: { id: vote.questionId }, data: { voteScore: { decrement: vote.value } } });
    } else if (vote.answerId !== null && !scopeAnswers.has(vote.answerId)) {
      await tx.answer.update({ where: { id: vote.answerId }, data: { voteScore: { decrement: vote.value } } });
    }
  }

  // 2. Answer counts of other people's questions they answered (live answers only are counted).
  const liveAnswersElsewhere = new Map<number, number>();
  for (const answer of answers) {
    if (answer.deletedAt === null && !scopeQuestions.has(answer.questionId)) {
      liveAnswersElsewhere.set(answer.questionId, (liveAnswersElsewhere.get(answer.questionId) ?? 0) + 1);
    }
  }
  for (const [questionId, count] of [...liveAnswersElsewhere].sort(([a], [b]) => a - b)) {
    await tx.question.update({ where: { id: questionId }, data: { answerCount: { decrement: count } } });
  }

  // 3. Tag counts of their live questions.
  const liveQuestionIds = questions.filter((q) => q.deletedAt === null).map((q) => q.id);
  if (liveQuestionIds.length > 0) {
    await tx.$executeRaw`
      UPDATE tag t SET "questionCount" = t."questionCount" - c.n
      FROM (SELECT "tagId", count(*)::int AS n FROM question_tag WHERE "questionId" = ANY(${liveQuestionIds}::int[]) GROUP BY "tagId") c
      WHERE t.id = c."tagId"`;
  }

  // 4. Accepted answers of theirs on other people's questions.
  if (acceptedElsewhere.length > 0) {
    await tx.question.updateMany({ where: { id: { in: acceptedElsewhere.map((q) => q.id) } }, data: { acceptedAnswerId: null } });
  }

  // 5. Reputation: reverse every live effect of the votes and accepts that are going away (posts
  //    first, then users: the lock order cast-vote uses).
  const reversal = await reverseSourceReputation({
    tx,
    sources: { voteIds: [...votesCast.map((v) => v.id), ...votesOnPosts.map((v) => v.id)], acceptAnswerIds },
    actorId,
  });

  // 6. Notifications their posts or actions caused, keeping unread counts in step.
  const notifications = await tx.notification.findMany({
    where: { OR: [{ actorId: userId }, { questionId: { in: questionIds } }, { answerId: { in: scopeAnswerIds } }] },
    select: { id: true, userId: true, readAt: true },
  });
  const unreadByUser = new Map<string, number>();
  for (const n of notifications) if (n.readAt === null) unreadByUser.set(n.userId, (unreadByUser.get(n.userId) ?? 0) + 1);
  if (notifications.length > 0) await tx.notification.deleteMany({ where: { id: { in: notifications.map((n) => n.id) } } });
  for (const [recipient, count] of [...unreadByUser].sort(([a], [b]) => (a < b ? -1 : 1))) {
    await tx.$executeRaw`UPDATE "user" SET "unreadCount" = GREATEST(0, "unreadCount" - ${count}) WHERE id = ${recipient}`;
  }

  // 7. The rows themselves (votes on their posts, answers on their questions, tags links and
  //    follows go with them by cascade).
  await tx.vote.deleteMany({ where: { userId } });
  await tx.answer.deleteMany({ where: { authorId: userId } });
  await tx.question.deleteMany({ where: { authorId: userId } });

  const affected = new Set([...reversal.userIds, userId]);
  await refreshReputation({ tx, userIds: [...affected] });

  const summary: PurgeSummary = {
    userId,
    username: user.username,
    dryRun,
    questions: questions.length,
    otherAnswers: otherAnswers.length,
    answers: answers.length,
    acceptsUndone: acceptedElsewhere.length,
    votesCast: votesCast.length,
    votesOnTheirPosts: votesOnPosts.length,
    reputationEventsReversed: reversal.reversed,
    usersAffected: reversal.userIds.length,
    notificationsRemoved: notifications.length,
    notifiedUserIds: [...unreadByUser.keys()],
  };
  const { notifiedUserIds: _ignored, ...details } = summary;
  await writeAuditLog({ tx, actorId, action: "user.purge", targetType: "user", targetId: userId, details });
  return summary;
}
