import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { ROLES, type Role } from "../auth/roles";
import { AppError } from "../errors/app-error";

export type ListUsersOptions = {
  db: Db;
  role?: string;
  /** Case-insensitive substring of username, email or display name. */
  search?: string;
  /** Only users whose ban is in force. */
  banned?: boolean;
  /** 1-based. */
  page?: number;
  limit?: number;
};

export type UserListItem = {
  id: string;
  username: string;
  email: string;
  name: string;
  role: string;
  reputation: number;
  banned: boolean;
  banExpires: Date | null;
  createdAt: Date;
  lastSeenAt: Date | null;
};

export type UserListPage = { items: UserListItem[]; total: number; page: number; limit: number };

/** Users, newest first, filtered for the admin table and `users list`. */
export async function listUsers(options: ListUsersOptions): Promise<UserListPage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 500);
  const page = Math.max(Math.trunc(options.page ?? 1), 1);
  if (options.role !== undefined && !(ROLES as readonly string[]).includes(options.role)) {
    throw new AppError("VALIDATION_FAILED", `Unknown role "${options.role}" (use ${ROLES.join(", ")})`, {
      fields: { role: `must be one of ${ROLES.join(", ")}` },
    });
  }
  const where: Prisma.UserWhereInput = {};
  if (options.role) where.role = options.role as Role;
  const search = options.search?.trim();
  if (search) {
    where.OR = [
      { username: { contains: search, mode: "insensitive" } },
      { email: { contains: search, mode: "insensitive" } },
      { name: { contains: search, mode: "insensitive" } },
    ];
  }
  if (options.banned) {
    // A ban with a past expiry is over even if Better-Auth hasn't cleared the flag yet.
    where.banned = true;
    where.AND = [{ OR: [{ banExpires: null }, { banExpires: { gt: new Date() } }] }];
  }
  const [items, total] = await Promise.all([
    options.db.user.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * limit,
      take: limit,
      select: {
        id: true,
        username: true,
        email: true,
        name: true,
        role: true,
        reputation: true,
        banned: true,
        banExpires: true,
        createdAt: true,
        lastSeenAt: true,
      },
    }),
    options.db.user.count({ where }),
  ]);
  return { items, total, page, limit };
}
