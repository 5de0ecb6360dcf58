import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { checkHealth } from "@/lib/health/check-health";
import { getRedis } from "@/lib/redis";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const report = await checkHealth({ db: getDb(), redis: getRedis() });
  return NextResponse.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
