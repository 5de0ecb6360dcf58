import { NextResponse } from "next/server";
import { createAnswer } from "@/lib/answers/create-answer";
import { listAnswers, listAnswersQuery } from "@/lib/answers/list-answers";
import { getDb } from "@/lib/db";
import { createOutboxBatch } from "@/lib/outbox/outbox-batch";
import { getRedis } from "@/lib/redis";
import { parseId, parseQuery } from "../../../../_lib/params";
import { filterNewAnswer } from "../../../../_lib/plugin-filters";
import { readJson, withErrors } from "../../../../_lib/respond";
import { getActor, requireActor } from "../../../../_lib/session";
import { limitRate, revalidateQuestionPages } from "../../../../_lib/write-guards";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string }> };

export const GET = withErrors(async (request: Request, { params }: Context) => {
  const questionId = parseId((await params).id, "Question");
  const query = parseQuery(request, listAnswersQuery);
  const actor = await getActor(request);
  return NextResponse.json(await listAnswers({ db: getDb(), questionId, actorId: actor?.id, ...query }));
});

export const POST = withErrors(async (request: Request, { params }: Context) => {
  const questionId = parseId((await params).id, "Question");
  const actor = await requireActor(request);
  await limitRate(actor, "answer");
  const input = await filterNewAnswer(actor, questionId, await readJson(request));
  const outbox = createOutboxBatch();
  const answer = await createAnswer({
    db: getDb(),
    redis: getRedis(),
    actor,
    questionId,
    input,
    onWithinTransaction: (tx, created) => outbox.add(tx, "answer.created", { answerId: created.id, questionId, actorId: actor.id }),
  });
  void outbox.flush();
  revalidateQuestionPages(questionId);
  return NextResponse.json(answer, { status: 201 });
});
