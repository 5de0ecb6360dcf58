import { z } from "zod";
import type { Actor } from "../auth/actor";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import type { Prisma } from "../generated/prisma/client";
import { canWrite } from "../permissions/permissions";
import { parseInput } from "../questions/parse-input";
import { lockUsers } from "../reputation/lock-users";
import { type ReputationChange, recordReputation } from "../reputation/record-reputation";
import { refreshReputation } from "../reputation/refresh-reputation";
import { reverseReputation } from "../reputation/reverse-reputation";
import { REPUTATION } from "../reputation/rules";

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

type PostRow = { id: number; authorId: string; deletedAt: Date | null; questionId: number };

export type CastVoteOptions = {
  db: Db;
  actor: Actor | null;
  input: unknown;
  onWithinTransaction?: (tx: Prisma.TransactionClient, result: VoteResult) => Promise<void>;
};

/**
 * Casts, changes or retracts (value 0) a vote. The vote row, the post's voteScore (atomic
 * `+ delta`) and the reputation ledger move in one transaction; the previous vote's ledger rows
 * are reversed exactly. Lock order — voter+target advisory lock (serialises one voter's casts on
 * one post, even before a vote row exists), post row, users by id — is the same for every
 * vote, so 50 voters on one post queue on the post row and can't deadlock.
 */
export async function castVote(options: CastVoteOptions): Promise<VoteResult> {
  const { actor } = options;
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to vote");
  if (!canWrite(actor)) throw new AppError("FORBIDDEN", "Your account is banned");
  const input = parseInput(castVoteInput, options.input);
  const onQuestion = input.targetType === "question";

  return options.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`vote:${actor.id}:${input.targetType}:${input.targetId}`}))`;
    // Read under the post's row lock: a moderator deleting it concurrently either finishes first
    // (we see deletedAt) or waits for us (and then reverses this vote with the others).
    const [target] = onQuestion
      ? await tx.$queryRaw<PostRow[]>`SELECT "id", "authorId", "deletedAt", "id" AS "questionId" FROM "question" WHERE "id" = ${input.targetId} FOR NO KEY UPDATE`
      : await tx.$queryRaw<PostRow[]>`SELECT "id", "authorId", "deletedAt", "questionId" FROM "answer" WHERE "id" = ${input.targetId} FOR NO KEY UPDATE`;
    if (!target || target.deletedAt) throw new AppError("NOT_FOUND", `That ${input.targetType} doesn't exist`);
    if (target.authorId === actor.id) throw new AppError("FORBIDDEN", "You can't vote on your own post");
    const questionId = target.questionId;

    const targetWhere = onQuestion ? { questionId: target.id } : { answerId: target.id };
    const existing = await tx.vote.findFirst({ where: { userId: actor.id, ...targetWhere }, select: { id: true, value: true } });
    const previousValue = (existing?.value ?? 0) as -1 | 0 | 1;
    const delta = input.value - previousValue;

    const scoreRows: Array<{ voteScore: number }> = delta === 0
      ? await (onQuestion
          ? tx.$queryRaw<Array<{ voteScore: number }>>`SELECT "voteScore" FROM "question" WHERE "id" = ${target.id}`
          : tx.$queryRaw<Array<{ voteScore: number }>>`SELECT "voteScore" FROM "answer" WHERE "id" = ${target.id}`)
      : await (onQuestion
          ? tx.$queryRaw<Array<{ voteScore: number }>>`UPDATE "question" SET "voteScore" = "voteScore" + ${delta} WHERE "id" = ${target.id} RETURNING "voteScore"`
          : tx.$queryRaw<Array<{ voteScore: number }>>`UPDATE "answer" SET "voteScore" = "voteScore" + ${delta} WHERE "id" = ${target.id} RETURNING "voteScore"`);
    const result: VoteResult = {
      voteScore: scoreRows[0].voteScore,
      myVote: input.value,
      previousValue,
      authorId: target.authorId,
      questionId,
    };
    if (delta === 0) return result;

    await lockUsers({ tx, userIds: [target.authorId, actor.id] });
    const touched = existing ? await reverseReputation({ tx, where: { voteId: existing.id } }) : [];

    let voteId: number | null = null;
    if (input.value === 0) {
      if (existing) await tx.vote.delete({ where: { id: existing.id } });
    } else if (existing) {
      voteId = (await tx.vote.update({ where: { id: existing.id }, data: { value: input.value }, select: { id: true } })).id;
    } else {
      voteId = (await tx.vote.create({ data: { userId: actor.id, ...targetWhere, value: input.value }, select: { id: true } })).id;
    }

    if (voteId !== null) {
      for (const change of voteReputationChanges({ actorId: actor.id, authorId: target.authorId, onQuestion, value: input.value as 1 | -1, voteId, postId: target.id, questionId })) {
        await recordReputation({ tx, change });
        touched.push(change.userId);
      }
    }
    await refreshReputation({ tx, userIds: touched });
    await options.onWithinTransaction?.(tx, result);
    return result;
  });
}

function voteReputationChanges(vote: {
  actorId: string;
  authorId: string;
  onQuestion: boolean;
  value: 1 | -1;
  voteId: number;
  postId: number;
  questionId: number;
}): ReputationChange[] {
  const source = { voteId: vote.voteId, actorId: vote.actorId, questionId: vote.questionId, answerId: vote.onQuestion ? null : vote.postId };
  if (vote.value === 1) {
    return [
      vote.onQuestion
        ? { ...source, userId: vote.authorId, reason: "question_upvoted", requested: REPUTATION.questionUpvoted }
        : { ...source, userId: vote.authorId, reason: "answer_upvoted", requested: REPUTATION.answerUpvoted },
    ];
  }
  const changes: ReputationChange[] = [{ ...source, userId: vote.authorId, reason: "post_downvoted", requested: REPUTATION.postDownvoted }];
  if (!vote.onQuestion) changes.push({ ...source, userId: vote.actorId, reason: "downvote_cast", requested: REPUTATION.answerDownvoteCast });
  return changes;
}
