import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { deletePost } from "@/lib/moderation/delete-post";
import { undeletePost } from "@/lib/moderation/undelete-post";
import { parseId } from "../../../../_lib/params";
import { readJson, withErrors } from "../../../../_lib/respond";
import { requireActor } from "../../../../_lib/session";
import { afterQuestionWrite } from "../../../../_lib/write-guards";

export const dynamic = "force-dynamic";

const BODY = z.object({ action: z.enum(["delete", "undelete"]), reason: z.string().trim().max(200).optional() }).strict();

/** POST /api/v1/answers/:id/moderation {action: delete|undelete, reason?} — moderators and admins. */
export const POST = withErrors(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request);
  const target = { type: "answer" as const, id: parseId((await context.params).id, "Answer") };
  const body = BODY.parse(await readJson(request));
  const db = getDb();
  if (body.action === "delete") await deletePost({ db, actor, target, reason: body.reason });
  else await undeletePost({ db, actor, target });
  const answer = await db.answer.findUniqueOrThrow({ where: { id: target.id }, select: { id: true, questionId: true, deletedAt: true } });
  await afterQuestionWrite(answer.questionId);
  return NextResponse.json(answer);
});
