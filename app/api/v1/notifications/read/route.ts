import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { markNotificationsRead } from "@/lib/notifications/mark-notifications-read";
import { getRedis } from "@/lib/redis";
import { readJson, withErrors } from "../../../_lib/respond";
import { requireActor } from "../../../_lib/session";

export const dynamic = "force-dynamic";

const notificationId = z.union([z.string().regex(/^\d{1,19}$/), z.number().int().positive()]).transform(String);
const bodySchema = z.union([
  z.object({ all: z.literal(true) }).strict(),
  z.object({ ids: z.array(notificationId).min(1).max(200) }).strict(),
]);

/** Marks some or all of the user's notifications read; answers the unread count left. */
export const POST = withErrors(async (request: Request) => {
  const actor = await requireActor(request);
  const body = bodySchema.parse(await readJson(request));
  const { count } = await markNotificationsRead({
    db: getDb(),
    redis: getRedis(),
    userId: actor.id,
    target: "all" in body ? "all" : { ids: body.ids },
  });
  return NextResponse.json({ count }, { headers: { "Cache-Control": "no-store" } });
});
