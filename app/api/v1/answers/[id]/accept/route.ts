import { NextResponse } from "next/server";
import { acceptAnswer } from "@/lib/answers/accept-answer";
import { getDb } from "@/lib/db";
import { createOutboxBatch } from "@/lib/outbox/outbox-batch";
import { parseId } from "../../../../_lib/params";
import { withErrors } from "../../../../_lib/respond";
import { requireActor } from "../../../../_lib/session";
import { afterQuestionWrite } from "../../../../_lib/write-guards";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string }> };

export const POST = withErrors(async (request: Request, { params }: Context) => {
  const answerId = parseId((await params).id, "Answer");
  const actor = await requireActor(request);
  const outbox = createOutboxBatch();
  const result = await acceptAnswer({
    db: getDb(),
    actor,
    answerId,
    onWithinTransaction: async (tx, accept) => {
      if (accept.accepted) await outbox.add(tx, "answer.accepted", { answerId, questionId: accept.questionId, actorId: actor.id });
    },
  });
  void outbox.flush();
  await afterQuestionWrite(result.questionId);
  return NextResponse.json({ acceptedAnswerId: result.acceptedAnswerId });
});
