import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { enqueueOutboxEvents } from "@/lib/outbox/enqueue-outbox-events";
import { castVote, castVoteInput } from "@/lib/votes/cast-vote";
import { parseInput } from "@/lib/questions/parse-input";
import { readJson, withErrors } from "../../_lib/respond";
import { requireActor } from "../../_lib/session";
import { limitRate, revalidateVotedQuestion } from "../../_lib/write-guards";

export const dynamic = "force-dynamic";

export const POST = withErrors(async (request: Request) => {
  const actor = await requireActor(request);
  const input = parseInput(castVoteInput, await readJson(request));
  await limitRate(actor, "vote");
  // The vote and its vote.cast outbox row commit together (one statement); then the event goes
  // to the queue without waiting (the worker's relay retries it if this enqueue fails).
  const result = await castVote({ db: getDb(), actor, input });
  if (result.event) void enqueueOutboxEvents({ committed: [result.event] });
  revalidateVotedQuestion(result.questionId);
  return NextResponse.json({ voteScore: result.voteScore, myVote: result.myVote });
});
