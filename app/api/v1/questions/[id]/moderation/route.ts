import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { closeQuestion } from "@/lib/moderation/close-question";
import { deletePost } from "@/lib/moderation/delete-post";
import { lockQuestion } from "@/lib/moderation/lock-question";
import { QUESTION_MODERATION_SELECT } from "@/lib/moderation/moderation-state";
import { reopenQuestion } from "@/lib/moderation/reopen-question";
import { undeletePost } from "@/lib/moderation/undelete-post";
import { unlockQuestion } from "@/lib/moderation/unlock-question";
import { parseId } from "../../../../_lib/params";
import { readJson, withErrors } from "../../../../_lib/respond";
import { requireActor } from "../../../../_lib/session";
import { afterQuestionWrite } from "../../../../_lib/write-guards";

export const dynamic = "force-dynamic";

const BODY = z
  .object({
    action: z.enum(["close", "reopen", "lock", "unlock", "delete", "undelete"]),
    reason: z.string().trim().max(200).optional(),
    duplicateOfId: z.number().int().positive().optional(),
  })
  .strict();

/** POST /api/v1/questions/:id/moderation {action, reason?, duplicateOfId?} — moderators and admins. */
export const POST = withErrors(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request);
  const questionId = parseId((await context.params).id, "Question");
  const body = BODY.parse(await readJson(request));
  const db = getDb();
  switch (body.action) {
    case "close":
      await closeQuestion({ db, actor, questionId, reason: body.reason, duplicateOfId: body.duplicateOfId });
      break;
    case "reopen":
      await reopenQuestion({ db, actor, questionId });
      break;
    case "lock":
      await lockQuestion({ db, actor, questionId, reason: body.reason });
      break;
    case "unlock":
      await unlockQuestion({ db, actor, questionId });
      break;
    case "delete":
      await deletePost({ db, actor, target: { type: "question", id: questionId }, reason: body.reason });
      break;
    case "undelete":
      await undeletePost({ db, actor, target: { type: "question", id: questionId } });
      break;
  }
  await afterQuestionWrite(questionId);
  const state = await db.question.findUniqueOrThrow({ where: { id: questionId }, select: QUESTION_MODERATION_SELECT });
  return NextResponse.json(state);
});
