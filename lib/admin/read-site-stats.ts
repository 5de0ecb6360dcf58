import type { Db } from "../db";

export type SiteStats = {
  users: number;
  admins: number;
  moderators: number;
  bannedUsers: number;
  questions: number;
  answers: number;
  votes: number;
  closedQuestions: number;
  lockedQuestions: number;
  deletedQuestions: number;
  deletedAnswers: number;
};

/** Headline numbers for the /admin overview (a handful of indexed counts). */
export async function readSiteStats(options: { db: Db }): Promise<SiteStats> {
  const { db } = options;
  const now = new Date();
  const [users, admins, moderators, bannedUsers, questions, answers, votes, closedQuestions, lockedQuestions, deletedQuestions, deletedAnswers] =
    await Promise.all([
      db.user.count(),
      db.user.count({ where: { role: "admin" } }),
      db.user.count({ where: { role: "moderator" } }),
      db.user.count({ where: { banned: true, OR: [{ banExpires: null }, { banExpires: { gt: now } }] } }),
      db.question.count({ where: { deletedAt: null } }),
      db.answer.count({ where: { deletedAt: null, question: { deletedAt: null } } }),
      db.vote.count(),
      db.question.count({ where: { deletedAt: null, closedAt: { not: null } } }),
      db.question.count({ where: { deletedAt: null, lockedAt: { not: null } } }),
      db.question.count({ where: { deletedAt: { not: null } } }),
      db.answer.count({ where: { deletedAt: { not: null } } }),
    ]);
  return { users, admins, moderators, bannedUsers, questions, answers, votes, closedQuestions, lockedQuestions, deletedQuestions, deletedAnswers };
}
