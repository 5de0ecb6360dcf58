/**
 * `node --import tsx bench/explain.ts --db <name>`: EXPLAIN (ANALYZE, BUFFERS) of the exact SQL
 * the read paths send (captured from Prisma's query log, as the benchmark's pg baseline does) on
 * a seeded benchmark database (keep one with `npm run bench -- --keep-db` or `--db <name>`).
 * Prints each statement's plan; docs/performance.md quotes the key lines.
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { listAnswers } from "../lib/answers/list-answers";
import { getQuestion } from "../lib/questions/get-question";
import { listQuestions } from "../lib/questions/list-questions";
import { listTags } from "../lib/tags/list-tags";
import { TEST_DATABASE_ADMIN_URL } from "../test/helpers/test-database";
import { prepareTargets } from "./lib/dataset";
import { captureQueries } from "./lib/sql-baseline";
import type { Db } from "../lib/db";

const { values } = parseArgs({ options: { db: { type: "string" }, full: { type: "boolean", default: false } } });
if (!values.db || !/^[a-z0-9_]+$/.test(values.db)) {
  console.error("usage: node --import tsx bench/explain.ts --db <benchmark database> [--full]");
  process.exit(1);
}
const url = new URL(TEST_DATABASE_ADMIN_URL);
url.pathname = `/${values.db}`;
const databaseUrl = url.toString();

async function main(): Promise<void> {
  const targets = await prepareTargets({ url: databaseUrl, voteAnswers: 1 });
  const paths: Array<[string, (db: Db) => Promise<unknown>]> = [
    ["home: newest", (db) => listQuestions({ db, limit: 20 })],
    ["home: popular tags", (db) => listTags({ db, sort: "popular", limit: 12 })],
    ["list: votes", (db) => listQuestions({ db, sort: "votes", limit: 20 })],
    ["list: unanswered", (db) => listQuestions({ db, sort: "unanswered", limit: 20 })],
    [`tag page [${targets.tag}]`, (db) => listQuestions({ db, tag: targets.tag, limit: 20 })],
    [`search "${targets.search}"`, (db) => listQuestions({ db, q: targets.search, limit: 20 })],
    [`question ${targets.questionId}`, (db) => getQuestion({ db, id: targets.questionId })],
    [`answers of ${targets.questionId}`, (db) => listAnswers({ db, questionId: targets.questionId, limit: 10 })],
  ];
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("ANALYZE");
    for (const [label, work] of paths) {
      const queries = await captureQueries({ databaseUrl, work });
      console.log(`\n=== ${label}: ${queries.length} statement(s)`);
      for (const query of queries) {
        const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params);
        const plan = rows.map((row) => row["QUERY PLAN"]);
        console.log(`--- ${query.sql.replace(/"public"\./g, "").slice(0, values.full ? undefined : 160)}`);
        const keyLines = plan.filter((line) => values.full || /Scan|Join|Sort|Limit|Execution Time|Planning Time/.test(line));
        for (const line of keyLines) console.log(line);
      }
    }
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
