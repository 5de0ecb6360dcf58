import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { getUserProfile } from "@/lib/users/get-user-profile";
import { withErrors } from "../../../_lib/respond";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ username: string }> };

export const GET = withErrors(async (_request: Request, { params }: Context) => {
  const profile = await getUserProfile({ db: getDb(), username: (await params).username });
  const { username, name, reputation, role, createdAt, questionCount, answerCount } = profile;
  return NextResponse.json({ username, name, reputation, role, createdAt, questionCount, answerCount });
});
