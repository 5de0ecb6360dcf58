import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { readUnreadCount } from "@/lib/notifications/read-unread-count";
import { etagMatches, unreadCountEtag } from "@/lib/notifications/unread-count-etag";
import { getRedis } from "@/lib/redis";
import { withErrors } from "../../../_lib/respond";
import { requireActor } from "../../../_lib/session";

export const dynamic = "force-dynamic";

/**
 * The bell's poll: one session read, then the count from Redis (Postgres when Redis is cold or
 * down). An unchanged count answers 304 with no body.
 */
export const GET = withErrors(async (request: Request) => {
  const actor = await requireActor(request);
  const { count } = await readUnreadCount({ db: getDb(), redis: getRedis(), userId: actor.id });
  const etag = unreadCountEtag(actor.id, count);
  // private + no-cache: browsers keep it but revalidate every poll (that is what the 304 is for).
  const headers = { ETag: etag, "Cache-Control": "private, no-cache", Vary: "Cookie" };
  if (etagMatches(request.headers.get("if-none-match"), etag)) {
    return new Response(null, { status: 304, headers });
  }
  return NextResponse.json({ count }, { headers });
});
