import { AUTHOR_SELECT, type QuestionSummary } from "./types";

/** What a summary reads, as a Prisma `select` (one query with joins, no N+1). */
export const QUESTION_SUMMARY_SELECT = {
  id: true,
  title: true,
  body: true,
  voteScore: true,
  answerCount: true,
  acceptedAnswerId: true,
  createdAt: true,
  lastActivityAt: true,
  author: { select: AUTHOR_SELECT },
  tags: { select: { tag: { select: { name: true } } }, orderBy: { tag: { name: "asc" as const } } },
} as const;

type Row = {
  id: number;
  title: string;
  body: string;
  voteScore: number;
  answerCount: number;
  acceptedAnswerId: number | null;
  createdAt: Date;
  lastActivityAt: Date;
  author: QuestionSummary["author"];
  tags: Array<{ tag: { name: string } }>;
};

export function toQuestionSummary(row: Row): QuestionSummary {
  return {
    id: row.id,
    title: row.title,
    excerpt: excerpt(row.body),
    author: row.author,
    tags: row.tags.map((t) => t.tag.name),
    voteScore: row.voteScore,
    answerCount: row.answerCount,
    acceptedAnswerId: row.acceptedAnswerId,
    createdAt: row.createdAt,
    lastActivityAt: row.lastActivityAt,
  };
}

/** Plain-text start of a markdown body (no markup survives, so it is safe to show as text). */
export function excerpt(markdown: string, length = 200): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/[#>*_`~[\]()!|-]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
}
