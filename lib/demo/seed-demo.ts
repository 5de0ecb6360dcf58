import { hashPassword } from "better-auth/crypto";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import { refreshAllAggregates } from "./refresh-all-aggregates";

export type SeedDemoOptions = {
  db: Db;
  questions: number;
  users: number;
  /** Answers per question on average (the benchmark uses 3). */
  answersPerQuestion?: number;
  tags?: number;
  force?: boolean;
  log?: (message: string) => void;
};

export type SeedDemoResult = { users: number; questions: number; answers: number; tags: number; votes: number; password: string };

export const DEMO_PASSWORD = "demo-password";

const TOPICS = ["javascript", "typescript", "python", "postgresql", "redis", "react", "nextjs", "node.js", "docker", "kubernetes", "linux", "git", "css", "html", "rust", "go", "java", "c++", "c#", "sql", "nginx", "bash", "regex", "testing", "security"];
const VERBS = ["configure", "debug", "speed up", "deploy", "test", "migrate", "secure", "profile", "cache", "paginate", "index", "log", "validate", "parse", "stream"];
const THINGS = ["a connection pool", "the build", "background jobs", "a slow query", "session cookies", "file uploads", "environment variables", "a reverse proxy", "unit tests", "websocket messages", "JSON responses", "date handling", "memory usage", "a monorepo", "error pages"];

/**
 * Generates a realistic-looking community with set-based SQL (fast enough for the benchmark's
 * 100,000 questions): users (password "demo-password"), tags, questions, answers, votes with
 * their reputation ledger rows, accepted answers, follows; then every aggregate is recomputed
 * so `doctor --deep` reports zero drift. Refuses a non-empty database unless `force`.
 */
export async function seedDemo(options: SeedDemoOptions): Promise<SeedDemoResult> {
  const { db } = options;
  const log = options.log ?? (() => {});
  const users = Math.max(2, options.users);
  const questions = Math.max(0, options.questions);
  const answersPerQuestion = options.answersPerQuestion ?? 3;
  const tagCount = Math.min(options.tags ?? Math.max(25, Math.round(questions / 50)), 5000);
  const existing = await db.question.count();
  if (existing > 0 && !options.force) {
    throw new AppError("CONFLICT", `The database already has ${existing} questions: pass --force to add demo data anyway`);
  }
  const hash = await hashPassword(DEMO_PASSWORD);
  const run = `${Date.now().toString(36)}`;

  log(`users: ${users}`);
  await db.$executeRaw`
    INSERT INTO "user" ("id", "name", "email", "username", "emailVerified", "createdAt", "updatedAt")
    SELECT 'demo-' || ${run} || '-' || g, initcap((${["alex", "sam", "kim", "lee", "ana", "ravi", "mia", "omar", "li", "zoe"]}::text[])[1 + g % 10]) || ' ' || g,
           'demo' || ${run} || g || '@example.invalid', 'demo_' || ${run} || '_' || g, true,
           now() - (g % 700) * interval '1 day', now()
    FROM generate_series(1, ${users}) g`;
  await db.$executeRaw`
    INSERT INTO "account" ("id", "accountId", "providerId", "userId", "password", "createdAt", "updatedAt")
    SELECT 'acct-' || u."id", u."id", 'credential', u."id", ${hash}, now(), now() FROM "user" u WHERE u."id" LIKE ${`demo-${run}-%`}`;

  log(`tags: ${tagCount}`);
  await db.$executeRaw`
    INSERT INTO "tag" ("name")
    SELECT CASE WHEN g <= ${TOPICS.length} THEN (${TOPICS}::text[])[g] ELSE (${TOPICS}::text[])[1 + g % ${TOPICS.length}] || '-' || g END
    FROM generate_series(1, ${tagCount}) g ON CONFLICT ("name") DO NOTHING`;

  log(`questions: ${questions}`);
  await db.$executeRaw`
    INSERT INTO "question" ("title", "body", "authorId", "createdAt", "updatedAt", "lastActivityAt")
    SELECT 'How do I ' || (${VERBS}::text[])[1 + g % ${VERBS.length}] || ' ' || (${THINGS}::text[])[1 + (g / 7) % ${THINGS.length}] || ' in ' || (${TOPICS}::text[])[1 + (g / 3) % ${TOPICS.length}] || '? (#' || g || ')',
           E'I am trying to ' || (${VERBS}::text[])[1 + g % ${VERBS.length}] || ' ' || (${THINGS}::text[])[1 + (g / 7) % ${THINGS.length}] ||
           E' and it does not behave as I expect.\n\n\`\`\`js\nconst result = await run(' || g || E');\nconsole.log(result);\n\`\`\`\n\nWhat is the **right way** to do this? Any pointers appreciated.',
           'demo-' || ${run} || '-' || (1 + (g::bigint * 7919) % ${users}),
           now() - (g % 365) * interval '1 day' - (g % 1440) * interval '1 minute', now(), now() - (g % 365) * interval '1 day'
    FROM generate_series(1, ${questions}) g`;
  const [{ minId }] = await db.$queryRaw<Array<{ minId: number | null }>>`SELECT min("id") AS "minId" FROM "question" WHERE "authorId" LIKE ${`demo-${run}-%`}`;
  const firstQuestion = minId ?? 0;

  log("question tags");
  await db.$executeRaw`
    INSERT INTO "question_tag" ("questionId", "tagId", "createdAt")
    SELECT DISTINCT q."id", t."id", q."createdAt" FROM "question" q
    CROSS JOIN LATERAL (SELECT generate_series(1, 1 + q."id" % 3) AS k) ks
    JOIN "tag" t ON t."id" = (SELECT min("id") FROM "tag") + ((q."id" * 31 + ks.k * 17) % ${tagCount})
    WHERE q."id" >= ${firstQuestion} ON CONFLICT DO NOTHING`;

  log(`answers: ~${questions * answersPerQuestion}`);
  await db.$executeRaw`
    INSERT INTO "answer" ("questionId", "authorId", "body", "createdAt", "updatedAt")
    SELECT q."id", 'demo-' || ${run} || '-' || (1 + (q."id"::bigint * 104729 + k * 7) % ${users}),
           E'You can do it like this:\n\n\`\`\`js\nconst value = compute(' || k || E');\n\`\`\`\n\nThis works because the value is computed **before** it is used. See the docs for details.',
           q."createdAt" + k * interval '1 hour', now()
    FROM "question" q CROSS JOIN LATERAL generate_series(1, (q."id" % (${answersPerQuestion} * 2 + 1))) k
    WHERE q."id" >= ${firstQuestion}`;

  log("votes");
  await db.$executeRaw`
    INSERT INTO "vote" ("userId", "answerId", "value", "createdAt", "updatedAt")
    SELECT DISTINCT ON (v.uid, a."id") v.uid, a."id", CASE WHEN (a."id" + v.k) % 7 = 0 THEN -1 ELSE 1 END, a."createdAt" + interval '1 day', now()
    FROM "answer" a JOIN "question" q ON q."id" = a."questionId" AND q."id" >= ${firstQuestion}
    CROSS JOIN LATERAL (SELECT k, 'demo-' || ${run} || '-' || (1 + (a."id" * 31 + k * 13) % ${users}) AS uid FROM generate_series(1, a."id" % 4) k) v
    WHERE v.uid <> a."authorId" ON CONFLICT DO NOTHING`;
  await db.$executeRaw`
    INSERT INTO "vote" ("userId", "questionId", "value", "createdAt", "updatedAt")
    SELECT DISTINCT ON (v.uid, q."id") v.uid, q."id", 1, q."createdAt" + interval '2 hours', now()
    FROM "question" q CROSS JOIN LATERAL (SELECT 'demo-' || ${run} || '-' || (1 + (q."id" * 17 + k * 11) % ${users}) AS uid FROM generate_series(1, q."id" % 3) k) v
    WHERE q."id" >= ${firstQuestion} AND v.uid <> q."authorId" ON CONFLICT DO NOTHING`;

  log("accepted answers, follows, reputation ledger");
  await db.$executeRaw`
    UPDATE "question" q SET "acceptedAnswerId" = a."id"
    FROM (SELECT DISTINCT ON ("questionId") "id", "questionId" FROM "answer" ORDER BY "questionId", "id") a
    WHERE a."questionId" = q."id" AND q."id" >= ${firstQuestion} AND q."id" % 2 = 0`;
  await db.$executeRaw`
    INSERT INTO "follow" ("userId", "questionId") SELECT "authorId", "id" FROM "question" WHERE "id" >= ${firstQuestion}
    UNION SELECT a."authorId", a."questionId" FROM "answer" a WHERE a."questionId" >= ${firstQuestion} ON CONFLICT DO NOTHING`;
  await insertLedgerForSeed(db, firstQuestion);
  await refreshAllAggregates({ db });
  // Planner statistics for what was just bulk-loaded: autovacuum gets to it only later, and
  // until then Postgres plans as if the tables were small (at 100k questions a vote took 14 ms
  // instead of 1.4 ms: the ledger's `reversesId IS NULL` looked selective).
  await db.$executeRawUnsafe("ANALYZE");

  const [counts] = await db.$queryRaw<Array<{ answers: number; votes: number; tags: number }>>`
    SELECT (SELECT count(*)::int FROM "answer" WHERE "questionId" >= ${firstQuestion}) AS answers,
           (SELECT count(*)::int FROM "vote" v LEFT JOIN "answer" a ON a."id" = v."answerId" WHERE COALESCE(v."questionId", a."questionId") >= ${firstQuestion}) AS votes,
           (SELECT count(*)::int FROM "tag") AS tags`;
  return { users, questions, answers: counts.answers, tags: counts.tags, votes: counts.votes, password: DEMO_PASSWORD };
}

/** The ledger rows the rules give for the seeded votes and accepts (historic data: no daily cap). */
async function insertLedgerForSeed(db: Db, firstQuestion: number): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "reputation_event" ("userId", "reason", "requested", "amount", "voteId", "questionId", "answerId", "actorId", "createdAt")
    SELECT COALESCE(q."authorId", a."authorId"),
           CASE WHEN v."value" = 1 AND v."questionId" IS NOT NULL THEN 'question_upvoted' WHEN v."value" = 1 THEN 'answer_upvoted' ELSE 'post_downvoted' END,
           CASE WHEN v."value" = 1 THEN 10 ELSE -2 END, CASE WHEN v."value" = 1 THEN 10 ELSE -2 END,
           v."id", COALESCE(v."questionId", a."questionId"), v."answerId", v."userId", v."createdAt"
    FROM "vote" v LEFT JOIN "question" q ON q."id" = v."questionId" LEFT JOIN "answer" a ON a."id" = v."answerId"
    WHERE COALESCE(v."questionId", a."questionId") >= ${firstQuestion}
    UNION ALL
    SELECT v."userId", 'downvote_cast', -1, -1, v."id", a."questionId", a."id", v."userId", v."createdAt"
    FROM "vote" v JOIN "answer" a ON a."id" = v."answerId" WHERE v."value" = -1 AND a."questionId" >= ${firstQuestion}
    UNION ALL
    SELECT a."authorId", 'answer_accepted', 15, 15, NULL, q."id", a."id", q."authorId", a."createdAt"
    FROM "question" q JOIN "answer" a ON a."id" = q."acceptedAnswerId" WHERE q."id" >= ${firstQuestion} AND a."authorId" <> q."authorId"
    UNION ALL
    SELECT q."authorId", 'accepted_answer', 2, 2, NULL, q."id", a."id", q."authorId", a."createdAt"
    FROM "question" q JOIN "answer" a ON a."id" = q."acceptedAnswerId" WHERE q."id" >= ${firstQuestion} AND a."authorId" <> q."authorId"`;
}
