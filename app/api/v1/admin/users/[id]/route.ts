import { NextResponse } from "next/server";
import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { banUser } from "@/lib/users/ban-user";
import { getUserDetails } from "@/lib/users/get-user-details";
import { setUserRole } from "@/lib/users/set-user-role";
import { unbanUser } from "@/lib/users/unban-user";
import { readJson, withErrors } from "../../../../_lib/respond";
import { requireActor } from "../../../../_lib/session";

export const dynamic = "force-dynamic";

const BODY = z
  .object({
    role: z.enum(ROLES).optional(),
    banned: z.boolean().optional(),
    banReason: z.string().trim().max(500).nullable().optional(),
    banExpires: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict()
  .refine((body) => body.role !== undefined || body.banned !== undefined, "Give role and/or banned");

/** PATCH /api/v1/admin/users/:id {role?, banned?, banReason?, banExpires?} — admins only, audited. */
export const PATCH = withErrors(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const operator = await requireActor(request);
  if (operator.role !== "admin") throw new AppError("FORBIDDEN", "Only administrators can do that");
  const { id } = await context.params;
  const body = BODY.parse(await readJson(request));
  const db = getDb();
  const login = (await db.user.findUnique({ where: { id }, select: { id: true } }))?.id;
  if (!login) throw new AppError("NOT_FOUND", "No such user");
  if (body.role !== undefined) await setUserRole({ db, operator, login, role: body.role });
  if (body.banned === true) {
    await banUser({ db, operator, login, reason: body.banReason, until: body.banExpires ? new Date(body.banExpires) : null });
  } else if (body.banned === false) {
    await unbanUser({ db, operator, login });
  }
  const user = await getUserDetails({ db, login });
  return NextResponse.json({
    id: user.id,
    username: user.username,
    role: user.role,
    banned: user.ban.active,
    banReason: user.ban.reason,
    banExpires: user.ban.expires,
  });
});
