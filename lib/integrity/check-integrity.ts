import type { Db } from "../db";
import { REPUTATION } from "../reputation/rules";

export type DriftKind = "questionVoteScore" | "answerVoteScore" | "answerCount" | "tagCount" | "reputation" | "ledger";
export type Drift = { kind: DriftKind; id: string; expected: number; actual: number };
export type IntegrityReport = { drift: Drift[]; fixed: boolean };

/**
 * Recomputes every aggregate from its source rows and reports where the cached value drifted:
 * vote scores (= SUM(vote.value)), answer counts, tag counts, cached reputation
 * (= max(1, 1 + SUM(ledger))), and the ledger itself replayed against the live votes and
 * accepts (each live vote/accept nets exactly its rule's requested amount; gone ones net 0).
 * `fix: true` rewrites the cached aggregates (the ledger is append-only and never rewritten).
 */
export async function checkIntegrity(options: { db: Db; fix?: boolean }): Promise<IntegrityReport> {
  const { db } = options;
  const rows = await db.$queryRaw<Array<{ kind: DriftKind; id: string; expected: number; actual: number }>>`
    SELECT 'questionVoteScore' AS kind, q."id"::text AS id, COALESCE(SUM(v."value"), 0)::int AS expected, q."voteScore" AS actual
      FROM "question" q LEFT JOIN "vote" v ON v."questionId" = q."id"
      GROUP BY q."id" HAVING q."voteScore" <> COALESCE(SUM(v."value"), 0)
    UNION ALL
    SELECT 'answerVoteScore', a."id"::text, COALESCE(SUM(v."value"), 0)::int, a."voteScore"
      FROM "answer" a LEFT JOIN "vote" v ON v."answerId" = a."id"
      GROUP BY a."id" HAVING a."voteScore" <> COALESCE(SUM(v."value"), 0)
    UNION ALL
    SELECT 'answerCount', q."id"::text, COUNT(a."id")::int, q."answerCount"
      FROM "question" q LEFT JOIN "answer" a ON a."questionId" = q."id" AND a."deletedAt" IS NULL
      GROUP BY q."id" HAVING q."answerCount" <> COUNT(a."id")
    UNION ALL
    SELECT 'tagCount', t."name", COUNT(q."id")::int, t."questionCount"
      FROM "tag" t LEFT JOIN "question_tag" qt ON qt."tagId" = t."id"
      LEFT JOIN "question" q ON q."id" = qt."questionId" AND q."deletedAt" IS NULL
      GROUP BY t."id" HAVING t."questionCount" <> COUNT(q."id")
    UNION ALL
    SELECT 'reputation', u."id", GREATEST(1, 1 + COALESCE(SUM(e."amount"), 0))::int, u."reputation"
      FROM "user" u LEFT JOIN "reputation_event" e ON e."userId" = u."id"
      GROUP BY u."id" HAVING u."reputation" <> GREATEST(1, 1 + COALESCE(SUM(e."amount"), 0))`;

  const ledger = await replayLedger(db);
  const drift: Drift[] = [...rows, ...ledger];
  if (options.fix && drift.length > 0) await fixAggregates(db);
  return { drift, fixed: Boolean(options.fix && drift.length > 0) };
}

/** What the live votes and accepts say the ledger must net to, per (source, user, reason). */
async function replayLedger(db: Db): Promise<Drift[]> {
  return db.$queryRaw<Drift[]>`
    WITH expected AS (
      SELECT v."id" AS vote_id, NULL::int AS answer_id, COALESCE(q."authorId", a."authorId") AS user_id,
             CASE WHEN v."value" = 1 AND v."questionId" IS NOT NULL THEN 'question_upvoted'
                  WHEN v."value" = 1 THEN 'answer_upvoted' ELSE 'post_downvoted' END AS reason,
             CASE WHEN v."value" = 1 THEN ${REPUTATION.questionUpvoted}::int ELSE ${REPUTATION.postDownvoted}::int END AS requested
        FROM "vote" v LEFT JOIN "question" q ON q."id" = v."questionId" AND q."deletedAt" IS NULL
        LEFT JOIN "answer" a ON a."id" = v."answerId" AND a."deletedAt" IS NULL
       WHERE COALESCE(q."authorId", a."authorId") IS NOT NULL
      UNION ALL
      SELECT v."id", NULL, v."userId", 'downvote_cast', ${REPUTATION.answerDownvoteCast}::int
        FROM "vote" v JOIN "answer" a ON a."id" = v."answerId" AND a."deletedAt" IS NULL WHERE v."value" = -1
      UNION ALL
      SELECT NULL, a."id", a."authorId", 'answer_accepted', ${REPUTATION.answerAccepted}::int
        FROM "question" q JOIN "answer" a ON a."id" = q."acceptedAnswerId"
       WHERE a."authorId" <> q."authorId" AND q."deletedAt" IS NULL AND a."deletedAt" IS NULL
      UNION ALL
      SELECT NULL, a."id", q."authorId", 'accepted_answer', ${REPUTATION.acceptedBonus}::int
        FROM "question" q JOIN "answer" a ON a."id" = q."acceptedAnswerId"
       WHERE a."authorId" <> q."authorId" AND q."deletedAt" IS NULL AND a."deletedAt" IS NULL
    ), actual AS (
      SELECT CASE WHEN "reason" IN ('answer_accepted', 'accepted_answer') THEN NULL ELSE "voteId" END AS vote_id,
             CASE WHEN "reason" IN ('answer_accepted', 'accepted_answer') THEN "answerId" END AS answer_id,
             "userId" AS user_id, "reason", SUM("requested")::int AS requested
        FROM "reputation_event" GROUP BY 1, 2, 3, 4
    )
    SELECT 'ledger' AS kind,
           COALESCE(e.reason, x.reason) || ':' || COALESCE(e.vote_id, x.vote_id, e.answer_id, x.answer_id)::text || ':' || COALESCE(e.user_id, x.user_id) AS id,
           COALESCE(e.requested, 0)::int AS expected, COALESCE(x.requested, 0)::int AS actual
      FROM expected e FULL OUTER JOIN actual x
        ON e.vote_id IS NOT DISTINCT FROM x.vote_id AND e.answer_id IS NOT DISTINCT FROM x.answer_id
       AND e.user_id = x.user_id AND e.reason = x.reason
     WHERE COALESCE(e.requested, 0) <> COALESCE(x.requested, 0)`;
}

async function fixAggregates(db: Db): Promise<void> {
  // Whole-table recomputes: at 100k questions they outlast Prisma's 5 s transaction default.
  await db.$transaction([
    db.$executeRaw`UPDATE "question" q SET "voteScore" = s.score FROM (SELECT q2."id", COALESCE(SUM(v."value"), 0)::int AS score FROM "question" q2 LEFT JOIN "vote" v ON v."questionId" = q2."id" GROUP BY q2."id") s WHERE s."id" = q."id" AND q."voteScore" <> s.score`,
    db.$executeRaw`UPDATE "answer" a SET "voteScore" = s.score FROM (SELECT a2."id", COALESCE(SUM(v."value"), 0)::int AS score FROM "answer" a2 LEFT JOIN "vote" v ON v."answerId" = a2."id" GROUP BY a2."id") s WHERE s."id" = a."id" AND a."voteScore" <> s.score`,
    db.$executeRaw`UPDATE "question" q SET "answerCount" = s.n FROM (SELECT q2."id", COUNT(a."id")::int AS n FROM "question" q2 LEFT JOIN "answer" a ON a."questionId" = q2."id" AND a."deletedAt" IS NULL GROUP BY q2."id") s WHERE s."id" = q."id" AND q."answerCount" <> s.n`,
    db.$executeRaw`UPDATE "tag" t SET "questionCount" = s.n FROM (SELECT t2."id", COUNT(q."id")::int AS n FROM "tag" t2 LEFT JOIN "question_tag" qt ON qt."tagId" = t2."id" LEFT JOIN "question" q ON q."id" = qt."questionId" AND q."deletedAt" IS NULL GROUP BY t2."id") s WHERE s."id" = t."id" AND t."questionCount" <> s.n`,
    db.$executeRaw`UPDATE "user" u SET "reputation" = GREATEST(1, 1 + COALESCE((SELECT SUM(e."amount") FROM "reputation_event" e WHERE e."userId" = u."id"), 0))`,
  ], { timeout: 600_000 });
}
