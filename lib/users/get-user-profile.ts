import type { Db } from "../db";
import { AppError } from "../errors/app-error";

export type UserProfile = {
  username: string;
  name: string;
  reputation: number;
  role: string;
  createdAt: Date;
  questionCount: number;
  answerCount: number;
  recentQuestions: Array<{ id: number; title: string; voteScore: number; createdAt: Date }>;
  recentAnswers: Array<{ id: number; questionId: number; questionTitle: string; voteScore: number; accepted: boolean; createdAt: Date }>;
};

/** The public profile (API.md) plus recent posts for the profile page. */
export async function getUserProfile(options: { db: Db; username: string }): Promise<UserProfile> {
  const { db } = options;
  const user = await db.user.findUnique({
    where: { username: options.username.toLowerCase() },
    select: { id: true, username: true, name: true, reputation: true, role: true, createdAt: true },
  });
  if (!user) throw new AppError("NOT_FOUND", `No user named ${options.username}`);
  const [questionCount, answerCount, recentQuestions, answers] = await Promise.all([
    db.question.count({ where: { authorId: user.id, deletedAt: null } }),
    db.answer.count({ where: { authorId: user.id, deletedAt: null } }),
    db.question.findMany({ where: { authorId: user.id, deletedAt: null }, orderBy: { createdAt: "desc" }, take: 10, select: { id: true, title: true, voteScore: true, createdAt: true } }),
    db.answer.findMany({
      where: { authorId: user.id, deletedAt: null },
      orderBy: { createdAt: "desc" },
      take: 10,
      select: { id: true, questionId: true, voteScore: true, createdAt: true, question: { select: { title: true, acceptedAnswerId: true } } },
    }),
  ]);
  return {
    username: user.username,
    name: user.name,
    reputation: user.reputation,
    role: user.role,
    createdAt: user.createdAt,
    questionCount,
    answerCount,
    recentQuestions,
    recentAnswers: answers.map((a) => ({
      id: a.id,
      questionId: a.questionId,
      questionTitle: a.question.title,
      voteScore: a.voteScore,
      accepted: a.question.acceptedAnswerId === a.id,
      createdAt: a.createdAt,
    })),
  };
}
