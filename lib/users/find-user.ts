import type { Db } from "../db";
import { AppError } from "../errors/app-error";

export type FindUserOptions = {
  db: Db;
  /** A username, an email address, or (for the web) a user id. */
  login: string;
};

export type FoundUser = { id: string; username: string; email: string; role: string };

/** Resolves what an operator typed to one user, or NOT_FOUND (CLI exit 3). */
export async function findUser(options: FindUserOptions): Promise<FoundUser> {
  const login = options.login.trim();
  const select = { id: true, username: true, email: true, role: true } as const;
  const user = login.includes("@")
    ? await options.db.user.findUnique({ where: { email: login.toLowerCase() }, select })
    : ((await options.db.user.findUnique({ where: { username: login.toLowerCase() }, select })) ??
      (await options.db.user.findUnique({ where: { id: login }, select })));
  if (!user) throw new AppError("NOT_FOUND", `No user "${login}" (give a username or an email address)`);
  return user;
}
