import { randomBytes } from "node:crypto";
import { APIError } from "better-auth/api";
import { type Auth, getAuth } from "../auth/auth";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import { setUserRole } from "./set-user-role";

export type CreateAdminOptions = {
  db: Db;
  /** The Better-Auth instance writing the account (default getAuth(); it must use the same database as `db`). */
  auth?: Auth;
  /** Already validated (lib/users/admin-input.ts). */
  email: string;
  username: string;
  /** Asked only when a new account is made (an existing user keeps their password). */
  getPassword: () => Promise<string>;
};

export type CreateAdminResult = {
  id: string;
  username: string;
  email: string;
  outcome: "created" | "promoted" | "already-admin";
};

/**
 * Creates an admin through Better-Auth's own sign-up (so the password is hashed exactly as
 * sign-in expects), or promotes the existing user with that e-mail or username. Role changes
 * go through setUserRole, which writes the audit row.
 */
export async function createAdmin(options: CreateAdminOptions): Promise<CreateAdminResult> {
  const { db, email, username } = options;
  const matches = await db.user.findMany({
    where: { OR: [{ email }, { username }] },
    select: { id: true, email: true, username: true, role: true },
  });
  if (matches.length > 1) {
    throw new AppError(
      "CONFLICT",
      `${email} belongs to ${matches.find((u) => u.email === email)?.username} but the username ${username} is another user`,
    );
  }
  const existing = matches[0];
  if (existing) {
    if (existing.role === "admin") return { ...pick(existing), outcome: "already-admin" };
    await setUserRole({ db, operator: "cli", login: existing.id, role: "admin" });
    return { ...pick(existing), outcome: "promoted" };
  }

  const password = await options.getPassword();
  const auth = options.auth ?? getAuth();
  let created: Awaited<ReturnType<Auth["api"]["signUpEmail"]>>;
  try {
    created = await auth.api.signUpEmail({ body: { email, password, name: username, username } });
  } catch (error) {
    if (error instanceof APIError) throw new AppError("VALIDATION_FAILED", `Sign-up refused: ${error.message}`, {}, { cause: error });
    throw error;
  }
  // autoSignIn made a session nobody will use: an operator's CLI call is not a sign-in.
  if (created.token) await db.session.deleteMany({ where: { token: created.token } });
  await setUserRole({ db, operator: "cli", login: created.user.id, role: "admin" });
  return { id: created.user.id, username: created.user.username ?? username, email: created.user.email, outcome: "created" };
}

/** 144 random bits as 24 base64url characters, for a password printed once. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

function pick(user: { id: string; email: string; username: string }) {
  return { id: user.id, email: user.email, username: user.username };
}
