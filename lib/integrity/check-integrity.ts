import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { lockUsers } from "../reputation/lock-users";
import { refreshReputation } from "../reputation/refresh-reputation";
import { CAPPED_REASONS, REPUTATION } from "../reputation/rules";

export type DriftKind =
  | "questionVoteScore"
  | "answerVoteScore"
  | "answerCount"
  | "tagCount"
  | "reputation"
  /** A vote's or accept's ledger rows don't net to what its rule requests (id: reason:source:user). */
  | "ledger"
  /** They net to the right request but grant a wrong amount (more than asked, below 0, or a gone source not netting 0). */
  | "ledgerAmount"
  /** A reversal row doesn't negate the row it reverses (id: the reversal's id). */
  | "reversal";
export type Drift = { kind: DriftKind; id: string; expected: number; actual: number };
export type IntegrityCounts = { questions: number; answers: number; tags: number; users: number; votes: number; ledgerRows: number };
export type IntegrityReport = { drift: Drift[]; checked: IntegrityCounts; fixed: boolean };

/** Cached aggregates `fix` can rewrite; ledger kinds are findings only (the ledger is append-only). */
const FIXABLE: readonly DriftKind[] = ["questionVoteScore", "answerVoteScore", "answerCount", "tagCount", "reputation"];

/**
 * Recomputes every aggregate from its source rows and reports where the cached value drifted:
 * vote scores (= SUM(vote.value)), answer counts, tag counts, cached reputation
 * (= max(1, 1 + SUM(ledger))), and the ledger itself replayed against the live votes and
 * accepts (each live vote/accept nets exactly its rule's requested amount, and grants it — or,
 * for capped gains, between 0 and it; gone ones net 0; each reversal negates its row).
 * `fix: true` rewrites the drifted cached aggregates, safely on a live site (see fixAggregates);
 * the ledger is append-only and never rewritten. The report is what was found before the fix.
 */
export async function checkIntegrity(options: { db: Db; fix?: boolean }): Promise<IntegrityReport> {
  const { db } = options;
  // Independent full scans: run side by side (each is one statement, so each is self-consistent).
  const cached = db.$queryRaw<Array<{ kind: DriftKind; id: string; expected: number; actual: number }>>`
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

  const [rows, ledger, reversals, checked] = await Promise.all([cached, replayLedger(db), checkReversals(db), countChecked(db)]);
  const drift: Drift[] = [...rows, ...ledger, ...reversals];
  const fixable = drift.some((d) => FIXABLE.includes(d.kind));
  if (options.fix && fixable) await fixAggregates(db, drift);
  return { drift, checked, fixed: Boolean(options.fix && fixable) };
}

/**
 * What the live votes and accepts say the ledger must net to, per (source, user, reason). A
 * source is a vote (its id) or an accept (minus the answer's id): one plain key, so the full
 * join is a hash join (IS NOT DISTINCT FROM on two nullable ids made it a 15 s nested filter
 * at 100k questions).
 */
async function replayLedger(db: Db): Promise<Drift[]> {
  return db.$queryRaw<Drift[]>`
    WITH expected AS (
      SELECT v."id"::bigint AS src, COALESCE(q."authorId", a."authorId") AS user_id,
             CASE WHEN v."value" = 1 AND v."questionId" IS NOT NULL THEN 'question_upvoted'
                  WHEN v."value" = 1 THEN 'answer_upvoted' ELSE 'post_downvoted' END AS reason,
             CASE WHEN v."value" = 1 AND v."questionId" IS NOT NULL THEN ${REPUTATION.questionUpvoted}::int
                  WHEN v."value" = 1 THEN ${REPUTATION.answerUpvoted}::int ELSE ${REPUTATION.postDownvoted}::int END AS requested
        FROM "vote" v LEFT JOIN "question" q ON q."id" = v."questionId" AND q."deletedAt" IS NULL
        LEFT JOIN "answer" a ON a."id" = v."answerId" AND a."deletedAt" IS NULL
       WHERE COALESCE(q."authorId", a."authorId") IS NOT NULL
      UNION ALL
      SELECT v."id"::bigint, v."userId", 'downvote_cast', ${REPUTATION.answerDownvoteCast}::int
        FROM "vote" v JOIN "answer" a ON a."id" = v."answerId" AND a."deletedAt" IS NULL WHERE v."value" = -1
      UNION ALL
      SELECT -a."id"::bigint, person.user_id, person.reason, person.requested
        FROM "question" q JOIN "answer" a ON a."id" = q."acceptedAnswerId"
       CROSS JOIN LATERAL (VALUES (a."authorId", 'answer_accepted', ${REPUTATION.answerAccepted}::int),
                                  (q."authorId", 'accepted_answer', ${REPUTATION.acceptedBonus}::int)) AS person(user_id, reason, requested)
       WHERE a."authorId" <> q."authorId" AND q."deletedAt" IS NULL AND a."deletedAt" IS NULL
    ), actual AS (
      SELECT CASE WHEN "reason" IN ('answer_accepted', 'accepted_answer') THEN -"answerId" ELSE "voteId" END::bigint AS src,
             "userId" AS user_id, "reason", SUM("requested")::int AS requested, SUM("amount")::int AS amount
        FROM "reputation_event" GROUP BY 1, 2, 3
    ), compared AS (
      SELECT COALESCE(e.reason, x.reason) || ':' || abs(COALESCE(e.src, x.src))::text || ':' || COALESCE(e.user_id, x.user_id) AS id,
             COALESCE(e.requested, 0) AS expected_requested, COALESCE(x.requested, 0) AS requested,
             -- what may be granted: a capped gain anything from 0 to its request (the cap took the
             -- rest), everything else exactly its request; a gone source nets 0
             CASE WHEN COALESCE(e.requested, 0) > 0 AND e.reason = ANY(${[...CAPPED_REASONS]}::text[])
                  THEN LEAST(GREATEST(COALESCE(x.amount, 0), 0), e.requested)
                  ELSE COALESCE(e.requested, 0) END AS expected_amount,
             COALESCE(x.amount, 0) AS amount
        FROM expected e FULL OUTER JOIN actual x ON e.src = x.src AND e.user_id = x.user_id AND e.reason = x.reason
    )
    SELECT CASE WHEN expected_requested <> requested THEN 'ledger' ELSE 'ledgerAmount' END AS kind, id,
           (CASE WHEN expected_requested <> requested THEN expected_requested ELSE expected_amount END)::int AS expected,
           (CASE WHEN expected_requested <> requested THEN requested ELSE amount END)::int AS actual
      FROM compared WHERE expected_requested <> requested OR expected_amount <> amount`;
}

/** Every reversal takes back exactly what its row granted, from the same user for the same cause. */
async function checkReversals(db: Db): Promise<Drift[]> {
  return db.$queryRaw<Drift[]>`
    SELECT 'reversal' AS kind, r."id"::text AS id, (-o."amount")::int AS expected, r."amount" AS actual
      FROM "reputation_event" r JOIN "reputation_event" o ON o."id" = r."reversesId"
     WHERE r."amount" <> -o."amount" OR r."userId" <> o."userId" OR r."reason" <> o."reason" OR o."reversesId" IS NOT NULL
        OR r."voteId" IS DISTINCT FROM o."voteId" OR r."answerId" IS DISTINCT FROM o."answerId"`;
}

async function countChecked(db: Db): Promise<IntegrityCounts> {
  const [counts] = await db.$queryRaw<IntegrityCounts[]>`
    SELECT (SELECT COUNT(*) FROM "question")::int AS questions, (SELECT COUNT(*) FROM "answer")::int AS answers,
           (SELECT COUNT(*) FROM "tag")::int AS tags, (SELECT COUNT(*) FROM "user")::int AS users,
           (SELECT COUNT(*) FROM "vote")::int AS votes, (SELECT COUNT(*) FROM "reputation_event")::int AS "ledgerRows"`;
  return counts;
}

type FixableKind = "questionVoteScore" | "answerVoteScore" | "answerCount" | "tagCount" | "reputation";
type Tx = Prisma.TransactionClient;
const FIX_CHUNK = 1000;

/**
 * Rewrites the drifted cached aggregates a chunk at a time. Each chunk first row-locks its rows in
 * id order — the lock every writer of that aggregate holds while it changes it (a vote the post,
 * answering and moderation the question, tagging the tag, reputation writers the user) — and only
 * then recomputes, in a later statement that sees every write committed before the lock was ours;
 * so repairing a live site can't overwrite a vote or an answer that raced it.
 */
async function fixAggregates(db: Db, drift: Drift[]): Promise<void> {
  for (const kind of FIXABLE as readonly FixableKind[]) {
    const ids = [...new Set(drift.filter((d) => d.kind === kind).map((d) => d.id))];
    for (let start = 0; start < ids.length; start += FIX_CHUNK) {
      const chunk = ids.slice(start, start + FIX_CHUNK);
      // Chunks keep each transaction short; the timeout covers a chunk of heavy ledgers.
      await db.$transaction((tx) => FIXES[kind](tx, chunk), { timeout: 60_000 });
    }
  }
}

const FIXES: Record<FixableKind, (tx: Tx, ids: string[]) => Promise<unknown>> = {
  async questionVoteScore(tx, ids) {
    const postIds = ids.map(Number);
    await tx.$queryRaw`SELECT "id" FROM "question" WHERE "id" = ANY(${postIds}::int[]) ORDER BY "id" FOR NO KEY UPDATE`;
    return tx.$executeRaw`UPDATE "question" q SET "voteScore" = COALESCE((SELECT SUM(v."value") FROM "vote" v WHERE v."questionId" = q."id"), 0)
      WHERE q."id" = ANY(${postIds}::int[])`;
  },
  async answerVoteScore(tx, ids) {
    const postIds = ids.map(Number);
    await tx.$queryRaw`SELECT "id" FROM "answer" WHERE "id" = ANY(${postIds}::int[]) ORDER BY "id" FOR NO KEY UPDATE`;
    return tx.$executeRaw`UPDATE "answer" a SET "voteScore" = COALESCE((SELECT SUM(v."value") FROM "vote" v WHERE v."answerId" = a."id"), 0)
      WHERE a."id" = ANY(${postIds}::int[])`;
  },
  async answerCount(tx, ids) {
    const questionIds = ids.map(Number);
    await tx.$queryRaw`SELECT "id" FROM "question" WHERE "id" = ANY(${questionIds}::int[]) ORDER BY "id" FOR NO KEY UPDATE`;
    return tx.$executeRaw`UPDATE "question" q SET "answerCount" = (SELECT COUNT(*) FROM "answer" a WHERE a."questionId" = q."id" AND a."deletedAt" IS NULL)
      WHERE q."id" = ANY(${questionIds}::int[])`;
  },
  async tagCount(tx, names) {
    await tx.$queryRaw`SELECT "id" FROM "tag" WHERE "name" = ANY(${names}::text[]) ORDER BY "id" FOR NO KEY UPDATE`;
    return tx.$executeRaw`UPDATE "tag" t SET "questionCount" = (SELECT COUNT(*) FROM "question_tag" qt JOIN "question" q ON q."id" = qt."questionId"
      WHERE qt."tagId" = t."id" AND q."deletedAt" IS NULL) WHERE t."name" = ANY(${names}::text[])`;
  },
  async reputation(tx, userIds) {
    await lockUsers({ tx, userIds });
    return refreshReputation({ tx, userIds });
  },
};
