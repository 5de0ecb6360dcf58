/** The reputation rules (API.md, docs/reputation.md) as data. */
export const REPUTATION = {
  questionUpvoted: 10,
  answerUpvoted: 10,
  postDownvoted: -2,
  answerDownvoteCast: -1,
  answerAccepted: 15,
  acceptedBonus: 2,
  dailyVoteCap: 200,
} as const;

export type ReputationReason =
  | "question_upvoted"
  | "answer_upvoted"
  | "post_downvoted"
  | "downvote_cast"
  | "answer_accepted"
  | "accepted_answer";

/** Gains from these count against the daily cap; accepts are exempt. */
export const CAPPED_REASONS: readonly ReputationReason[] = ["question_upvoted", "answer_upvoted"];
