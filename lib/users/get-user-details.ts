import type { Db } from "../db";
import { isBanActive } from "../auth/actor";
import { findUser } from "./find-user";

export type GetUserDetailsOptions = { db: Db; login: string };

export type UserDetails = {
  id: string;
  username: string;
  name: string;
  email: string;
  role: string;
  reputation: number;
  createdAt: Date;
  lastSeenAt: Date | null;
  questionCount: number;
  answerCount: number;
  voteCount: number;
  activeSessions: number;
  ban: { active: boolean; reason: string | null; expires: Date | null };
};

/** Everything `users show` prints about one user (username, email or id). */
export async function getUserDetails(options: GetUserDetailsOptions): Promise<UserDetails> {
  const { db } = options;
  const { id } = await findUser({ db, login: options.login });
  const now = new Date();
  const [user, questionCount, answerCount, voteCount, activeSessions] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id } }),
    db.question.count({ where: { authorId: id, deletedAt: null } }),
    db.answer.count({ where: { authorId: id, deletedAt: null } }),
    db.vote.count({ where: { userId: id } }),
    db.session.count({ where: { userId: id, expiresAt: { gt: now } } }),
  ]);
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    email: user.email,
    role: user.role,
    reputation: user.reputation,
    createdAt: user.createdAt,
    lastSeenAt: user.lastSeenAt,
    questionCount,
    answerCount,
    voteCount,
    activeSessions,
    ban: { active: isBanActive(user), reason: user.banReason, expires: user.banExpires },
  };
}
