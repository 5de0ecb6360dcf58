import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { getQuestion } from "@/lib/questions/get-question";
import { updateQuestion } from "@/lib/questions/update-question";
import { getRedis } from "@/lib/redis";
import { parseId } from "../../../_lib/params";
import { filterQuestionEdit } from "../../../_lib/plugin-filters";
import { readJson, withErrors } from "../../../_lib/respond";
import { getActor, requireActor } from "../../../_lib/session";
import { revalidateQuestionPages } from "../../../_lib/write-guards";

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
  const input = await filterQuestionEdit(actor, id, await readJson(request));
  const question = await updateQuestion({ db: getDb(), redis: getRedis(), actor, questionId: id, input });
  revalidateQuestionPages(id);
  return NextResponse.json(question);
});
