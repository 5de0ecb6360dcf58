import { z } from "zod";
import type { Actor } from "../auth/actor";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import type { Prisma } from "../generated/prisma/client";
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
  onWithinTransaction?: (tx: Prisma.TransactionClient, result: VoteResult) => Promise<void>;
};

/**
 * Casts, changes or retracts (value 0) a vote. The vote row, the post's voteScore (atomic
 * `+ delta`) and the reputation ledger move in one transaction, in one round trip: the SQL
 * function vote_cast (vote-cast-statement.ts) applies the ledger rows the rules ask for
 * (lib/reputation/rules.ts), reverses the previous vote's rows
 * exactly and locks in a fixed order (post row, then users by id), so 50 voters on one post
 * queue on the post row and can't deadlock. A dozen statements from here cost ~10 ms of the
 * web server's CPU per vote (docs/performance.md).
 */
export async function castVote(options: CastVoteOptions): Promise<VoteResult> {
  const { actor } = options;
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to vote");
  if (!canWrite(actor)) throw new AppError("FORBIDDEN", "Your account is banned");
  const input = parseInput(castVoteInput, options.input);
  const statement = voteCastStatement({ actorId: actor.id, ...input });

  return options.db.$transaction(async (tx) => {
    const [row] = await tx.$queryRawUnsafe<VoteCastRow[]>(statement.text, ...statement.values);
    if (row.status === "not_found") throw new AppError("NOT_FOUND", `That ${input.targetType} doesn't exist`);
    if (row.status === "own_post") throw new AppError("FORBIDDEN", "You can't vote on your own post");
    const result: VoteResult = {
      voteScore: row.voteScore,
      myVote: input.value,
      previousValue: row.previousValue as -1 | 0 | 1,
      authorId: row.authorId,
      questionId: row.questionId,
    };
    if (result.previousValue !== result.myVote) await options.onWithinTransaction?.(tx, result);
    return result;
  });
}
