import { z } from "zod";
import type { Actor } from "../auth/actor";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import { canWrite } from "../permissions/permissions";
import { parseInput } from "../questions/parse-input";
import { type VoteCastRow, voteCastStatement } from "./vote-cast-statement";

export const castVoteInput = z.object({
  targetType: z.enum(["question", "answer"], { error: 'targetType must be "question" or "answer"' }),
  targetId: z.coerce.number({ error: "targetId must be a post id" }).int().positive("targetId must be a post id"),
  value: z.union([z.literal(1), z.literal(-1), z.literal(0)], { error: "value must be 1, -1 or 0" }),
});
export type CastVoteInput = z.infer<typeof castVoteInput>;

export type VoteResult = {
  voteScore: number;
  myVote: -1 | 0 | 1;
  previousValue: -1 | 0 | 1;
  authorId: string;
  questionId: number;
};

export type CastVoteOptions = {
  db: Db;
  actor: Actor | null;
  input: unknown;
};

export type CastVoteResult = VoteResult & {
  /** The committed `vote.cast` outbox row (null when the vote changed nothing): pass it to enqueueOutboxEvents. */
  event: { id: bigint; type: "vote.cast"; createdAt: Date } | null;
};

/**
 * Casts, changes or retracts (value 0) a vote. The vote row, the post's voteScore (atomic
 * `+ delta`), the reputation ledger and the `vote.cast` outbox event are one statement,
 * committed on its own (vote-cast-statement.ts): the SQL function vote_cast applies the ledger
 * rows the rules ask for (lib/reputation/rules.ts), reverses the previous vote's rows exactly and
 * locks in a fixed order (post row, then users by id), so 50 voters on one post queue on the post
 * row and can't deadlock. A refused vote (missing post, own post) writes nothing.
 */
export async function castVote(options: CastVoteOptions): Promise<CastVoteResult> {
  const { actor } = options;
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to vote");
  if (!canWrite(actor)) throw new AppError("FORBIDDEN", "Your account is banned");
  const input = parseInput(castVoteInput, options.input);
  // The event's createdAt too: its job id (lib/queue.ts outboxJobId) must be what the relay derives.
  const now = new Date();
  const statement = voteCastStatement({ actorId: actor.id, ...input, now });
  const [row] = await options.db.$queryRawUnsafe<VoteCastRow[]>(statement.text, ...statement.values);
  if (row.status === "not_found") throw new AppError("NOT_FOUND", `That ${input.targetType} doesn't exist`);
  if (row.status === "own_post") throw new AppError("FORBIDDEN", "You can't vote on your own post");
  return {
    voteScore: row.voteScore,
    myVote: input.value,
    previousValue: row.previousValue as -1 | 0 | 1,
    authorId: row.authorId,
    questionId: row.questionId,
    event: row.eventId === null ? null : { id: BigInt(row.eventId), type: "vote.cast", createdAt: now },
  };
}
