import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { getActor } from "../../_lib/session";
import { withErrors } from "../../_lib/respond";

export const dynamic = "force-dynamic";

/** The signed-in user for the client shell (null when anonymous). */
export const GET = withErrors(async (request: Request) => {
  const actor = await getActor(request);
  if (!actor) return NextResponse.json({ user: null }, { headers: { "Cache-Control": "no-store" } });
  const user = await getDb().user.findUnique({ where: { id: actor.id }, select: { reputation: true } });
  return NextResponse.json(
    { user: { id: actor.id, username: actor.username, role: actor.role, reputation: user?.reputation ?? 1 } },
    { headers: { "Cache-Control": "no-store" } },
  );
});
