import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { readUnreadCount } from "@/lib/notifications/read-unread-count";
import { etagMatches, unreadCountEtag, unreadCountHeaders } from "@/lib/notifications/unread-count-etag";
import { getRedis } from "@/lib/redis";
import { withErrors } from "../../../_lib/respond";
import { requireActor } from "../../../_lib/session";

export const dynamic = "force-dynamic";

/**
 * The bell's poll: one session read, then the count from Redis (Postgres when Redis is cold or
 * down). An unchanged count answers 304 with no body. Most polls never get here: the web
 * server's preload answers them from the session memo and Redis (lib/notifications/bell-fast-path.ts);
 * this route serves the rest (first poll of a session, a cold Redis) and fills both.
 */
export const GET = withErrors(async (request: Request) => {
  const actor = await requireActor(request);
  const { count } = await readUnreadCount({ db: getDb(), redis: getRedis(), userId: actor.id });
  const etag = unreadCountEtag(actor.id, count);
  const headers = unreadCountHeaders(etag);
  if (etagMatches(request.headers.get("if-none-match"), etag)) {
    return new Response(null, { status: 304, headers });
  }
  return NextResponse.json({ count }, { headers });
});
