import { CAPPED_REASONS, REPUTATION, type ReputationReason } from "../reputation/rules";

export type VoteCastArguments = { actorId: string; targetType: "question" | "answer"; targetId: number; value: -1 | 0 | 1; now?: Date };

export type VoteCastRow = {
  status: "ok" | "not_found" | "own_post";
  voteScore: number;
  previousValue: number;
  authorId: string;
  questionId: number;
  /** The `vote.cast` outbox row (created at `now`), when the vote changed something. */
  eventId: bigint | string | null;
};

type LedgerChange = { to: "author" | "voter"; reason: ReputationReason; requested: number };

/**
 * The one statement that casts a vote, committed on its own: the SQL function vote_cast
 * (prisma/migrations/*_vote_functions_manual) with the ledger rows this vote asks for under the
 * rules of lib/reputation/rules.ts, and, when the vote changed something, its `vote.cast` outbox
 * row (lib/events/event-types.ts) in the same statement, so the event exists if and only if the
 * vote does. One round trip instead of BEGIN, cast, outbox insert, COMMIT: on the web server a
 * round trip costs more CPU than the vote itself (docs/performance.md). As text and values, so
 * castVote (through Prisma) and the benchmark's database baseline (through pg) send the same.
 */
export function voteCastStatement(args: VoteCastArguments): { text: string; values: unknown[] } {
  const onQuestion = args.targetType === "question";
  const changes = args.value === 0 ? [] : ledgerChanges(onQuestion, args.value);
  return {
    text: `WITH cast_vote AS (
        SELECT * FROM vote_cast($1, $2, $3::int, $4::int, $5::jsonb, $6::text[], $7::int, $8::timestamp(3))
      ), event AS (
        INSERT INTO "outbox" ("type", "payload", "createdAt")
        SELECT 'vote.cast', jsonb_build_object('targetType', $9::text, 'targetId', $3::int, 'value', $4::int,
            'previousValue', c."previousValue", 'authorId', c."authorId", 'questionId', c."questionId", 'actorId', $1::text), $8::timestamp(3)
          FROM cast_vote c WHERE c.status = 'ok' AND c."previousValue" <> $4::int
        RETURNING "id"
      )
      SELECT c.*, e."id" AS "eventId" FROM cast_vote c LEFT JOIN event e ON true`,
    values: [
      args.actorId,
      onQuestion,
      args.targetId,
      args.value,
      JSON.stringify(changes),
      [...CAPPED_REASONS],
      REPUTATION.dailyVoteCap,
      (args.now ?? new Date()).toISOString(),
      args.targetType,
    ],
  };
}

/** The ledger rows a vote asks for, by whom they go to (API.md's reputation rules). */
function ledgerChanges(onQuestion: boolean, value: 1 | -1): LedgerChange[] {
  if (value === 1) {
    return [onQuestion ? { to: "author", reason: "question_upvoted", requested: REPUTATION.questionUpvoted } : { to: "author", reason: "answer_upvoted", requested: REPUTATION.answerUpvoted }];
  }
  const changes: LedgerChange[] = [{ to: "author", reason: "post_downvoted", requested: REPUTATION.postDownvoted }];
  if (!onQuestion) changes.push({ to: "voter", reason: "downvote_cast", requested: REPUTATION.answerDownvoteCast });
  return changes;
}
