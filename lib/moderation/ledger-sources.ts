/**
 * Where reputation ledger rows come from, as moderation and purge see them: the votes (by id)
 * and the accepts (by the accepted answer's id) whose effects are taken back or given again.
 */
export type LedgerSources = { voteIds: number[]; acceptAnswerIds: number[] };

/** Ledger reasons written for votes and for accepts (docs/reputation.md). */
export const UPVOTE_REASONS = ["question_upvoted", "answer_upvoted"];
export const DOWNVOTE_REASONS = ["post_downvoted", "downvote_cast"];
export const ACCEPT_REASONS = ["answer_accepted", "accepted_answer"];
