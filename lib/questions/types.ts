export type AuthorSummary = { id: string; username: string; name: string; reputation: number };

export type QuestionSummary = {
  id: number;
  title: string;
  excerpt: string;
  author: AuthorSummary;
  tags: string[];
  voteScore: number;
  answerCount: number;
  acceptedAnswerId: number | null;
  createdAt: Date;
  lastActivityAt: Date;
};

export type Question = QuestionSummary & {
  body: string;
  bodyHtml: string;
  updatedAt: Date;
  closedAt: Date | null;
  closedReason: string | null;
  duplicateOfId: number | null;
  lockedAt: Date | null;
  deletedAt: Date | null;
  myVote: -1 | 0 | 1;
  following: boolean;
};

export type Answer = {
  id: number;
  questionId: number;
  body: string;
  bodyHtml: string;
  author: AuthorSummary;
  voteScore: number;
  accepted: boolean;
  createdAt: Date;
  updatedAt: Date;
  myVote: -1 | 0 | 1;
};

export const AUTHOR_SELECT = { id: true, username: true, name: true, reputation: true } as const;
