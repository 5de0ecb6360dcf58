import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { setFollowing } from "@/lib/follows/set-following";
import { parseId } from "../../../../_lib/params";
import { withErrors } from "../../../../_lib/respond";
import { requireActor } from "../../../../_lib/session";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string }> };

function handler(following: boolean) {
  return withErrors(async (request: Request, { params }: Context) => {
    const questionId = parseId((await params).id, "Question");
    const actor = await requireActor(request);
    return NextResponse.json(await setFollowing({ db: getDb(), actor, questionId, following }));
  });
}

export const POST = handler(true);
export const DELETE = handler(false);
