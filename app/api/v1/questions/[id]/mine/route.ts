import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { getReaderState } from "@/lib/questions/get-reader-state";
import { parseId } from "../../../../_lib/params";
import { withErrors } from "../../../../_lib/respond";
import { requireActor } from "../../../../_lib/session";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string }> };

/** GET /api/v1/questions/:id/mine — the signed-in reader's votes on the question and its answers, and follow state. */
export const GET = withErrors(async (request: Request, { params }: Context) => {
  const questionId = parseId((await params).id, "Question");
  const actor = await requireActor(request);
  const state = await getReaderState({ db: getDb(), questionId, userId: actor.id });
  return NextResponse.json(state, { headers: { "Cache-Control": "private, no-store" } });
});
