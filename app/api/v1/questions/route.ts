import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { createOutboxBatch } from "@/lib/outbox/outbox-batch";
import { createQuestion } from "@/lib/questions/create-question";
import { listQuestions, listQuestionsQuery } from "@/lib/questions/list-questions";
import { getRedis } from "@/lib/redis";
import { parseQuery } from "../../_lib/params";
import { readJson, withErrors } from "../../_lib/respond";
import { filterNewQuestion } from "../../_lib/plugin-filters";
import { requireActor } from "../../_lib/session";
import { limitRate, revalidateQuestionPages } from "../../_lib/write-guards";

export const dynamic = "force-dynamic";

export const GET = withErrors(async (request: Request) => {
  const query = parseQuery(request, listQuestionsQuery);
  return NextResponse.json(await listQuestions({ db: getDb(), redis: getRedis(), ...query }));
});

export const POST = withErrors(async (request: Request) => {
  const actor = await requireActor(request);
  await limitRate(actor, "question");
  const input = await filterNewQuestion(actor, await readJson(request));
  const outbox = createOutboxBatch();
  const question = await createQuestion({
    db: getDb(),
    redis: getRedis(),
    actor,
    input,
    onWithinTransaction: (tx, created) => outbox.add(tx, "question.created", { questionId: created.id, actorId: actor.id }),
  });
  void outbox.flush();
  revalidateQuestionPages(question.id);
  return NextResponse.json(question, { status: 201 });
});
