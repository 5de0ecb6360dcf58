import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { createOutboxBatch } from "@/lib/outbox/outbox-batch";
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
  const outbox = createOutboxBatch();
  const result = await castVote({
    db: getDb(),
    actor,
    input,
    onWithinTransaction: (tx, vote) =>
      outbox.add(tx, "vote.cast", {
        targetType: input.targetType,
        targetId: input.targetId,
        value: vote.myVote,
        previousValue: vote.previousValue,
        authorId: vote.authorId,
        questionId: vote.questionId,
        actorId: actor.id,
      }),
  });
  void outbox.flush();
  revalidateVotedQuestion(result.questionId);
  return NextResponse.json({ voteScore: result.voteScore, myVote: result.myVote });
});
