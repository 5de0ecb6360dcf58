import { renderMarkdown } from "../markdown/render-markdown";
import { type Answer, AUTHOR_SELECT, type AuthorSummary } from "../questions/types";

/** What an Answer reads, as a Prisma `select` (author joined, no N+1). */
export const ANSWER_SELECT = {
  id: true,
  questionId: true,
  body: true,
  voteScore: true,
  createdAt: true,
  updatedAt: true,
  author: { select: AUTHOR_SELECT },
} as const;

export type AnswerRow = {
  id: number;
  questionId: number;
  body: string;
  voteScore: number;
  createdAt: Date;
  updatedAt: Date;
  author: AuthorSummary;
};

export function toAnswer(row: AnswerRow, state: { acceptedAnswerId: number | null; myVote?: number }): Answer {
  return {
    ...row,
    bodyHtml: renderMarkdown({ source: row.body }),
    accepted: row.id === state.acceptedAnswerId,
    myVote: toVoteValue(state.myVote),
  };
}

export function toVoteValue(value: number | undefined | null): -1 | 0 | 1 {
  return value === 1 || value === -1 ? value : 0;
}
