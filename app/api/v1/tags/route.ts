import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { getRedis } from "@/lib/redis";
import { listTags, listTagsQuery } from "@/lib/tags/list-tags";
import { parseQuery } from "../../_lib/params";
import { withErrors } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = withErrors(async (request: Request) => {
  const query = parseQuery(request, listTagsQuery);
  return NextResponse.json(await listTags({ db: getDb(), redis: getRedis(), ...query }));
});
