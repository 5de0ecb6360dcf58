import { randomBytes } from "node:crypto";
import type { Actor } from "../../lib/auth/actor";
import type { Role } from "../../lib/auth/roles";
import type { Db } from "../../lib/db";

/** Creates a user row directly (no password: domain tests don't sign in). */
export async function createTestUser(db: Db, options: { username?: string; role?: Role; banned?: boolean } = {}): Promise<Actor> {
  const username = options.username ?? `u${randomBytes(5).toString("hex")}`;
  const user = await db.user.create({
    data: { id: randomBytes(12).toString("hex"), name: username, email: `${username}@example.test`, username, role: options.role ?? "user", banned: options.banned ?? false },
  });
  return { id: user.id, username, role: options.role ?? "user", banned: options.banned ?? false };
}

export const LONG_BODY = "This body is comfortably longer than the thirty character minimum.";
