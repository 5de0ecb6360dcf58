import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { deletePost } from "@/lib/moderation/delete-post";
import { undeletePost } from "@/lib/moderation/undelete-post";
import { readJson, withErrors } from "../../../../_lib/respond";
import { requireActor } from "../../../../_lib/session";

export const dynamic = "force-dynamic";

const BODY = z.object({ action: z.enum(["delete", "undelete"]), reason: z.string().trim().max(200).optional() }).strict();
const ID = z.coerce.number().int().positive();

/** POST /api/v1/answers/:id/moderation {action: delete|undelete, reason?} — moderators and admins. */
export const POST = withErrors(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request);
  const parsedId = ID.safeParse((await context.params).id);
  if (!parsedId.success) throw new AppError("NOT_FOUND", "Answer not found");
  const target = { type: "answer" as const, id: parsedId.data };
  const body = BODY.parse(await readJson(request));
  const db = getDb();
  if (body.action === "delete") await deletePost({ db, actor, target, reason: body.reason });
  else await undeletePost({ db, actor, target });
  const answer = await db.answer.findUniqueOrThrow({ where: { id: target.id }, select: { id: true, questionId: true, deletedAt: true } });
  return NextResponse.json(answer);
});
