import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { getQuestion } from "@/lib/questions/get-question";
import { updateQuestion } from "@/lib/questions/update-question";
import { parseId } from "../../../_lib/params";
import { readJson, withErrors } from "../../../_lib/respond";
import { getActor, requireActor } from "../../../_lib/session";
import { afterQuestionWrite } from "../../../_lib/write-guards";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string }> };

export const GET = withErrors(async (request: Request, { params }: Context) => {
  const id = parseId((await params).id, "Question");
  const actor = await getActor(request);
  return NextResponse.json(await getQuestion({ db: getDb(), id, actorId: actor?.id }));
});

export const PATCH = withErrors(async (request: Request, { params }: Context) => {
  const id = parseId((await params).id, "Question");
  const actor = await requireActor(request);
  await updateQuestion({ db: getDb(), actor, questionId: id, input: await readJson(request) });
  await afterQuestionWrite(id);
  return NextResponse.json(await getQuestion({ db: getDb(), id, actorId: actor.id }));
});
