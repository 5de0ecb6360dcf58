import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { listNotifications, NOTIFICATIONS_PAGE_MAX } from "@/lib/notifications/list-notifications";
import { withErrors } from "../../_lib/respond";
import { requireActor } from "../../_lib/session";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  cursor: z.string().regex(/^\d{1,19}$/, "must be a cursor from a previous page").optional(),
  unread: z.enum(["1", "0", "true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(NOTIFICATIONS_PAGE_MAX).optional(),
});

/** The signed-in user's notifications, newest first. */
export const GET = withErrors(async (request: Request) => {
  const actor = await requireActor(request);
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await listNotifications({
    db: getDb(),
    userId: actor.id,
    cursor: query.cursor,
    unreadOnly: query.unread === "1" || query.unread === "true",
    limit: query.limit,
  });
  return NextResponse.json(page, { headers: { "Cache-Control": "private, no-store" } });
});
