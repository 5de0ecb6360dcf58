import { Client } from "pg";
import { createDb, type Db } from "../../lib/db";
import { seedDemo, type SeedDemoResult } from "../../lib/demo/seed-demo";
import { runMigrations } from "../../lib/migrations/run-migrations";
import { MIGRATIONS_DIR } from "../../test/helpers/migrated-test-database";
import { TEST_DATABASE_ADMIN_URL } from "../../test/helpers/test-database";

/** The full-scale dataset the issue names; `--scale` multiplies every figure. */
export const FULL_SCALE = { questions: 100_000, answers: 300_000, users: 20_000, tags: 2_000 };

/** Answers on the "viral" question the question-page scenarios read. */
export const VIRAL_ANSWERS = 30;

export type BenchDatabase = { url: string; name: string; reused: boolean; drop(): Promise<void> };

export type DatasetTargets = {
  /** The question with VIRAL_ANSWERS answers. */
  questionId: number;
  /** A tag with an average number of questions (what a tag page usually lists). */
  tag: string;
  /** A search that matches about 1 in 15 questions. */
  search: string;
  /** Answers the vote scenario spreads its voters over. */
  voteAnswerIds: number[];
};

function urlFor(name: string): string {
  const url = new URL(TEST_DATABASE_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_DATABASE_ADMIN_URL, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A migrated database named `name`: reused as it is when it exists (`--db` to skip seeding on
 * repeated runs), else created. `keep` leaves it in place at the end.
 */
export async function openBenchDatabase(options: { name: string; keep: boolean }): Promise<BenchDatabase> {
  const { name } = options;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`database name ${name} must be lower-case letters, digits and _`);
  const exists = await admin(async (client) => (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1);
  if (!exists) await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = urlFor(name);
  await runMigrations({ databaseUrl: url, migrationsDir: MIGRATIONS_DIR });
  return {
    url,
    name,
    reused: exists,
    async drop() {
      if (options.keep) return;
      await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

export type SeedSize = { questions: number; answers: number; users: number; tags: number };

export function sizeForScale(scale: number): SeedSize {
  const at = (n: number, min: number) => Math.max(min, Math.round(n * scale));
  return {
    questions: at(FULL_SCALE.questions, 100),
    answers: at(FULL_SCALE.answers, 300),
    users: at(FULL_SCALE.users, 50),
    tags: at(FULL_SCALE.tags, 25),
  };
}

/** seed-demo at the requested size (skipped on a database that already has questions). */
export async function seedIfEmpty(options: { url: string; size: SeedSize; log: (message: string) => void }): Promise<SeedDemoResult | null> {
  const db = createDb({ databaseUrl: options.url });
  try {
    if ((await db.question.count()) > 0) return null;
    const { size } = options;
    return await seedDemo({
      db,
      questions: size.questions,
      users: size.users,
      answersPerQuestion: size.answers / size.questions,
      tags: size.tags,
      log: options.log,
    });
  } finally {
    await db.$disconnect();
  }
}

/**
 * Picks (or on first use, makes) the scenario targets: the demo data has at most 6 answers a
 * question, so the newest question gets answers from demo users up to VIRAL_ANSWERS, with its
 * answerCount and lastActivityAt kept consistent (the integrity check must still report 0).
 */
export async function prepareTargets(options: { url: string; voteAnswers: number }): Promise<DatasetTargets> {
  const db = createDb({ databaseUrl: options.url });
  try {
    const question = await viralQuestion(db);
    const [tag] = await db.$queryRaw<Array<{ name: string }>>`
      SELECT "name" FROM "tag" WHERE "questionCount" > 0
      ORDER BY abs("questionCount" - (SELECT avg("questionCount") FROM "tag" WHERE "questionCount" > 0)), "name" LIMIT 1`;
    // Answers not by the signed-up voters (they have none) on live questions, spread over the table.
    const answers = await db.$queryRaw<Array<{ id: number }>>`
      SELECT a."id" FROM "answer" a JOIN "question" q ON q."id" = a."questionId"
      WHERE a."deletedAt" IS NULL AND q."deletedAt" IS NULL AND a."questionId" <> ${question}
      ORDER BY a."id" DESC LIMIT ${options.voteAnswers}`;
    return { questionId: question, tag: tag?.name ?? "javascript", search: "slow query", voteAnswerIds: answers.map((a) => a.id) };
  } finally {
    await db.$disconnect();
  }
}

async function viralQuestion(db: Db): Promise<number> {
  const [existing] = await db.$queryRaw<Array<{ id: number }>>`
    SELECT "id" FROM "question" WHERE "deletedAt" IS NULL AND "answerCount" >= ${VIRAL_ANSWERS} ORDER BY "id" DESC LIMIT 1`;
  if (existing) return existing.id;
  const [target] = await db.$queryRaw<Array<{ id: number; answerCount: number }>>`
    SELECT "id", "answerCount" FROM "question" WHERE "deletedAt" IS NULL ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`;
  if (!target) throw new Error("the bench database has no questions");
  const missing = VIRAL_ANSWERS - target.answerCount;
  await db.$transaction([
    db.$executeRaw`
      INSERT INTO "answer" ("questionId", "authorId", "body", "createdAt", "updatedAt")
      SELECT ${target.id}, u."id",
             E'One more way to do it (answer ' || g || E'):\n\n\`\`\`ts\nconst value = await load(' || g || E');\n\`\`\`\n\nThis keeps the **happy path** fast and the error path explicit. See the [docs](https://example.invalid/docs) for details.',
             now() - (${missing} - g) * interval '1 minute', now()
      FROM generate_series(1, ${missing}) g
      JOIN LATERAL (SELECT "id" FROM "user" WHERE "id" <> (SELECT "authorId" FROM "question" WHERE "id" = ${target.id})
                    ORDER BY "id" OFFSET g LIMIT 1) u ON true`,
    db.$executeRaw`
      UPDATE "question" SET "answerCount" = (SELECT count(*) FROM "answer" WHERE "questionId" = ${target.id} AND "deletedAt" IS NULL),
             "lastActivityAt" = now() WHERE "id" = ${target.id}`,
  ]);
  return target.id;
}
