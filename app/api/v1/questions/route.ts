import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { createOutboxBatch } from "@/lib/outbox/outbox-batch";
import { createQuestion } from "@/lib/questions/create-question";
import { listQuestions, listQuestionsQuery } from "@/lib/questions/list-questions";
import { parseQuery } from "../../_lib/params";
import { readJson, withErrors } from "../../_lib/respond";
import { requireActor } from "../../_lib/session";
import { afterQuestionWrite, limitRate } from "../../_lib/write-guards";

export const dynamic = "force-dynamic";

export const GET = withErrors(async (request: Request) => {
  const query = parseQuery(request, listQuestionsQuery);
  return NextResponse.json(await listQuestions({ db: getDb(), ...query }));
});

export const POST = withErrors(async (request: Request) => {
  const actor = await requireActor(request);
  const input = await readJson(request);
  await limitRate(actor, "question");
  const outbox = createOutboxBatch();
  const created = await createQuestion({
    db: getDb(),
    actor,
    input,
    onWithinTransaction: (tx, question) =>
      outbox.add(tx, "question.created", { questionId: question.id, actorId: actor.id }),
  });
  void outbox.flush();
  await afterQuestionWrite(created.id);
  return NextResponse.json(created, { status: 201 });
});
