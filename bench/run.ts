/**
 * `npm run bench [-- --scale 0.05 --duration 15 --connections 32]`: the performance benchmark
 * (docs/performance.md). Seeds a dataset with seed-demo, starts the built product with
 * `community-engine start`, drives each scenario with autocannon, and measures beside it, in
 * the same run: a bare node:http server returning the same bytes (the Node.js ceiling) and the
 * same SQL replayed through pg (the database ceiling). Writes bench/results/<date>.json and
 * .md and prints the table. Only 127.0.0.1 targets; every loop is bounded by --duration.
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createServer } from "node:net";
import { Redis } from "ioredis";
import pg from "pg";
import { createDb } from "../lib/db";
import { checkIntegrity } from "../lib/integrity/check-integrity";
import { parseBenchArgs } from "./lib/args";
import { startBareServer, type BareServer } from "./lib/bare";
import { ROOT, preparePackage } from "./lib/build";
import { openBenchDatabase, prepareTargets, seedIfEmpty, sizeForScale, type BenchDatabase } from "./lib/dataset";
import { runLoad } from "./lib/load";
import { cpuMs, processTree, startProduct, treeRss, webPid, type RunningProduct, type TreeMemory } from "./lib/product";
import { type BenchReport, checkTargets, renderMarkdown, type ScenarioResult, type VoteResult } from "./lib/report";
import { httpScenarios, loadShape, voterSlices, voteShape, type HttpScenario } from "./lib/scenarios";
import { runVoteSqlBaseline } from "./lib/vote-baseline";
import { captureQueries, runSqlBaseline } from "./lib/sql-baseline";
import { round } from "./lib/stats";
import { signUpUsers, type BenchUser } from "./lib/users";

const args = parseBenchArgs(process.argv.slice(2));
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
/** The product's Prisma pool (lib/db.ts default): the pg baseline gets the same. */
const PRODUCT_POOL_SIZE = 10;
/** Postgres flushes an idle backend's statistics after 10 s (PGSTAT_IDLE_INTERVAL). */
const STATS_FLUSH_MS = 11_000;
const WARMUP_REQUESTS = 20;

const startedAt = Date.now();
const log = (message: string) => console.error(`[bench +${((Date.now() - startedAt) / 1000).toFixed(0)}s] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const wanted = (id: string) => !args.only || args.only.includes(id);

function git(): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: ROOT, encoding: "utf8" }).trim() !== "";
    return { commit, dirty };
  } catch {
    return { commit: "unknown", dirty: false };
  }
}

/** Committed + rolled-back transactions in the bench database (pg_stat_database). */
async function readXacts(database: BenchDatabase): Promise<number> {
  const client = new pg.Client({ connectionString: database.url.replace(`/${database.name}`, "/postgres") });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("SELECT (xact_commit + xact_rollback)::text AS n FROM pg_stat_database WHERE datname = $1", [database.name]);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

const perRequest = (ms: number, requests: number) => round(ms / Math.max(1, requests), 3);

/** Starts counting CPU time of the product's tree and of its web server; call to read. */
function cpuMeter(rootPid: number): () => { tree: number; web: number } {
  const tree = processTree(rootPid);
  const web = webPid(rootPid);
  const treeBefore = cpuMs(tree);
  const webBefore = web ? cpuMs([web]) : 0;
  return () => ({ tree: cpuMs(tree) - treeBefore, web: web ? cpuMs([web]) - webBefore : 0 });
}

/** One response, for the sanity check and its size. */
async function sample(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { headers, redirect: "manual" });
  return { status: response.status, body: await response.text() };
}

type Context = {
  database: BenchDatabase;
  product: RunningProduct;
  bare: BareServer;
  users: BenchUser[];
  secret: string;
  backgroundXactsPerSecond: number;
};

/** Postgres transactions per request over a product run, minus the worker's background rate. */
async function xactsPerRequest(ctx: Context, before: number, runStarted: number, runEnded: number, requests: number): Promise<number> {
  const wait = runEnded + STATS_FLUSH_MS - Date.now();
  if (wait > 0) await sleep(wait);
  const after = await readXacts(ctx.database);
  const background = ctx.backgroundXactsPerSecond * ((Date.now() - runStarted) / 1000);
  return round(Math.max(0, after - before - background) / Math.max(1, requests), 2);
}

async function runHttpScenario(ctx: Context, scenario: HttpScenario): Promise<ScenarioResult> {
  const { product, bare, users } = ctx;
  const paths = scenario.sequence ?? [scenario.path];
  const headersFor = (user: BenchUser | undefined) => (scenario.signedIn && user ? { cookie: user.cookie, ...(scenario.userHeaders?.(user) ?? {}) } : {});
  // Sizes (the ceiling returns the same bytes) and a sanity check: never benchmark an error page.
  const sizes: number[] = [];
  for (const [index, p] of paths.entries()) {
    const { status, body } = await sample(`${product.url}${p}`, headersFor(users[0]));
    if (index === 0 && !scenario.looksRight(status, body)) throw new Error(`${scenario.id}: unexpected response ${status}: ${body.slice(0, 300)}`);
    if (index > 0 && status !== 200) throw new Error(`${scenario.id}: ${p} answered ${status}: ${body.slice(0, 300)}`);
    sizes.push(Buffer.byteLength(body));
  }
  const before = await readXacts(ctx.database);
  const runStarted = Date.now();
  for (let i = 0; i < WARMUP_REQUESTS; i++) await sample(`${product.url}${paths[i % paths.length]}`, headersFor(users[i % users.length]));
  log(`${scenario.id}: product`);
  const shape = loadShape(scenario, users);
  const cpu = cpuMeter(product.pid);
  const productFigures = await runLoad({ url: product.url, connections: args.connections, duration: args.duration, expect: scenario.expect, ...shape });
  const productCpu = cpu();
  const runEnded = Date.now();

  log(`${scenario.id}: bare node:http ceiling`);
  const barePaths = scenario.expect?.includes(304) ? ["/not-modified"] : sizes.map((size) => `/bytes/${size}`);
  const bareCpuBefore = cpuMs([bare.pid]);
  const ceiling = await runLoad({
    url: bare.url,
    connections: args.connections,
    duration: args.duration,
    expect: scenario.expect,
    path: barePaths[0],
    requests: barePaths.length > 1 ? barePaths.map((p) => ({ path: p })) : undefined,
  });
  const cpuMsPerRequest = {
    product: perRequest(productCpu.tree, productFigures.total),
    web: perRequest(productCpu.web, productFigures.total),
    ceiling: perRequest(cpuMs([bare.pid]) - bareCpuBefore, ceiling.total),
  };
  const dbXactsPerRequest = await xactsPerRequest(ctx, before, runStarted, runEnded, productFigures.total + productFigures.errors + WARMUP_REQUESTS);

  let sql = null;
  let sqlStatements = null;
  if (scenario.sql) {
    log(`${scenario.id}: SQL through pg`);
    const work = scenario.sql;
    const queries = await captureQueries({ databaseUrl: ctx.database.url, work: (db) => work(db, users) });
    sqlStatements = queries.length;
    sql = await runSqlBaseline({ databaseUrl: ctx.database.url, queries, connections: args.connections, duration: args.duration, poolSize: PRODUCT_POOL_SIZE });
  }
  return { id: scenario.id, title: scenario.title, bytes: sizes[0], product: productFigures, ceiling, sql, sqlStatements, dbXactsPerRequest, cpuMsPerRequest };
}

async function runVotes(ctx: Context, answerIds: number[]): Promise<VoteResult> {
  const { product, bare, users } = ctx;
  const before = await readXacts(ctx.database);
  const runStarted = Date.now();
  log(`votes: ${args.connections} voters over ${answerIds.length} answers`);
  const slices = voterSlices(answerIds, args.connections);
  const cpu = cpuMeter(product.pid);
  const productFigures = await runLoad({
    url: product.url,
    connections: args.connections,
    duration: args.duration,
    setupClient: voteShape({ users, slices: slices.http, url: product.url }),
  });
  const productCpu = cpu();
  const runEnded = Date.now();
  log("votes: bare node:http ceiling");
  const responseBytes = Buffer.byteLength(JSON.stringify({ voteScore: 10, myVote: 1 }));
  const bareCpuBefore = cpuMs([bare.pid]);
  const ceiling = await runLoad({ url: bare.url, connections: args.connections, duration: args.duration, method: "POST", path: `/bytes/${responseBytes}`, body: '{"targetType":"answer","targetId":1,"value":1}' });
  const cpuMsPerRequest = {
    product: perRequest(productCpu.tree, productFigures.total),
    web: perRequest(productCpu.web, productFigures.total),
    ceiling: perRequest(cpuMs([bare.pid]) - bareCpuBefore, ceiling.total),
  };
  const dbXactsPerRequest = await xactsPerRequest(ctx, before, runStarted, runEnded, productFigures.total + productFigures.errors);
  log("votes: the same vote statements through pg (database ceiling)");
  const sql = await runVoteSqlBaseline({ databaseUrl: ctx.database.url, users, slices: slices.sql, duration: args.duration, poolSize: PRODUCT_POOL_SIZE });
  log("votes: integrity check");
  const db = createDb({ databaseUrl: ctx.database.url });
  try {
    const checkStarted = performance.now();
    const report = await checkIntegrity({ db });
    const kinds: Record<string, number> = {};
    for (const drift of report.drift) kinds[drift.kind] = (kinds[drift.kind] ?? 0) + 1;
    return {
      product: productFigures,
      ceiling,
      sql,
      voters: args.connections,
      dbXactsPerRequest,
      cpuMsPerRequest,
      integrity: { drift: report.drift.length, kinds, seconds: round((performance.now() - checkStarted) / 1000, 1) },
    };
  } finally {
    await db.$disconnect();
  }
}

/** bench/notify.ts as a child (its own database, worker and server); its JSON result. */
async function runNotify(isolated: boolean): Promise<Record<string, unknown>> {
  log("notifications: bench/notify.ts (its defaults: 200 answers at a steady rate)");
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bench", "notify.ts")], {
    cwd: ROOT,
    env: { ...process.env, ...(isolated ? { NEXT_DIST_DIR: ".next-bench" } : {}) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 5 * 60_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  const json = stdout.slice(stdout.indexOf("{"), stdout.lastIndexOf("}") + 1);
  try {
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return { error: `bench/notify.ts exited with ${code}: ${stderr.slice(-500)}` };
  }
}

/** The requested port if free (refuse a busy one: /api/health would answer from someone else), else any free port. */
async function freePort(wanted: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", () => reject(new Error(`port ${wanted} is in use: pick another with --port`)));
    server.listen(wanted, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : wanted));
    });
  });
}

async function dropRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = "0";
    do {
      const [nextCursor, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      if (keys.length) await redis.del(...keys);
      cursor = nextCursor;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

async function datasetCounts(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, number>>(`SELECT
      (SELECT count(*)::int FROM "question") AS questions, (SELECT count(*)::int FROM "answer") AS answers,
      (SELECT count(*)::int FROM "user") AS users, (SELECT count(*)::int FROM "tag") AS tags, (SELECT count(*)::int FROM "vote") AS votes,
      (SELECT split_part(version(), ' ', 1) || ' ' || current_setting('server_version')) AS postgres`);
    return rows[0] as unknown as { questions: number; answers: number; users: number; tags: number; votes: number; postgres: string };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const loadAverageStart = os.loadavg();
  const packageRoot = preparePackage({ force: args.build, isolated: args.isolated, log });
  const run = Date.now().toString(36);
  const stamp = new Date().toISOString().slice(0, 16).replace(":", "-");
  const redisPrefix = `bench-${run}`;
  const secret = randomBytes(32).toString("hex");
  let database: BenchDatabase | null = null;
  let product: RunningProduct | null = null;
  let bare: BareServer | null = null;
  const stopAll = async () => {
    await product?.stop().catch(() => undefined);
    await bare?.stop().catch(() => undefined);
  };
  process.once("SIGINT", () => {
    log("interrupted: stopping and cleaning up");
    void stopAll()
      .then(() => dropRedisPrefix(redisPrefix))
      .then(() => database?.drop())
      .catch(() => undefined)
      .then(() => process.exit(130));
  });

  try {
    database = await openBenchDatabase({ name: args.db ?? `ce_bench_${run}`, keep: args.keepDb });
    const size = sizeForScale(args.scale);
    log(`database ${database.name}${database.reused ? " (reused)" : ""}; seeding ${JSON.stringify(size)} if empty`);
    const seedStarted = performance.now();
    const seeded = await seedIfEmpty({ url: database.url, size, log: (message) => log(`seed: ${message}`) });
    const seededSeconds = seeded ? round((performance.now() - seedStarted) / 1000, 1) : null;
    const targets = await prepareTargets({ url: database.url, voteAnswers: args.connections * 1000 });
    const counts = await datasetCounts(database.url);
    log(`dataset: ${counts.questions} questions, ${counts.answers} answers, ${counts.users} users; question ${targets.questionId}, tag ${targets.tag}`);

    bare = await startBareServer();
    const cpuProfDir = args.cpuProf ? path.join(ROOT, "bench", "results", "profiles", stamp) : undefined;
    if (cpuProfDir) mkdirSync(cpuProfDir, { recursive: true });
    const port = await freePort(args.port);
    log(`starting the product from ${path.relative(ROOT, packageRoot) || "."}`);
    product = await startProduct({
      packageRoot,
      port,
      cpuProfDir,
      env: {
        DATABASE_URL: database.url,
        REDIS_URL,
        REDIS_PREFIX: redisPrefix,
        BETTER_AUTH_SECRET: secret,
        SITE_URL: `http://127.0.0.1:${port}`,
        PORT: String(port),
        HOST: "127.0.0.1",
        RATE_LIMITS_DISABLED: "1",
        LOG_LEVEL: "warn",
      },
    });
    const coldStartMs = product.coldStartMs;
    log(`healthy after ${Math.round(coldStartMs)} ms; idling 15 s for RSS and the background query rate`);
    await sleep(5000);
    const idleBefore = await readXacts(database);
    await sleep(10_000);
    const backgroundXactsPerSecond = (Math.max(0, (await readXacts(database)) - idleBefore)) / 10;
    const idleRss: TreeMemory = treeRss(product.pid);
    log(`idle RSS ${idleRss.totalMb} MB; background ${backgroundXactsPerSecond} xacts/s`);

    const users = await signUpUsers({ url: product.url, count: args.connections, run });
    const ctx: Context = { database, product, bare, users, secret, backgroundXactsPerSecond };
    const scenarios: ScenarioResult[] = [];
    for (const scenario of httpScenarios(targets, secret)) {
      if (!wanted(scenario.id)) continue;
      const result = await runHttpScenario(ctx, scenario);
      log(`${scenario.id}: ${result.product.rps} req/s, p99 ${result.product.p99} ms (ceiling ${result.ceiling.rps} req/s${result.sql ? `, SQL ${result.sql.rps}/s` : ""})`);
      scenarios.push(result);
    }
    const votes = wanted("votes") ? await runVotes(ctx, targets.voteAnswerIds) : null;
    if (votes) log(`votes: ${votes.product.rps}/s, p99 ${votes.product.p99} ms, drift ${votes.integrity.drift}`);
    const rssAfterLoad = treeRss(product.pid);
    if (cpuProfDir) {
      await product.writeProfiles();
      log(`CPU profiles in ${path.relative(ROOT, cpuProfDir)}`);
    }
    await stopAll();
    product = null;
    const notify = args.skipNotify || !wanted("notify") ? null : await runNotify(args.isolated);

    const partial: Omit<BenchReport, "targets"> = {
      at: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model.trim() ?? "unknown",
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        postgres: counts.postgres,
        loadAverageStart,
        loadAverageEnd: os.loadavg(),
      },
      git: git(),
      options: { scale: args.scale, duration: args.duration, connections: args.connections, build: args.isolated ? ".next-bench-root" : "." },
      dataset: { questions: counts.questions, answers: counts.answers, users: counts.users, tags: counts.tags, votes: counts.votes, seededSeconds, reused: database.reused },
      startup: { coldStartMs: round(coldStartMs, 0), idleRss, rssAfterLoad },
      scenarios,
      votes,
      notify,
    };
    const report: BenchReport = { ...partial, targets: checkTargets(partial) };
    const markdown = renderMarkdown(report);
    const dir = path.join(ROOT, "bench", "results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(path.join(dir, `${stamp}.md`), markdown);
    console.log(markdown);
    log(`wrote bench/results/${stamp}.json and .md`);
  } finally {
    await stopAll();
    await dropRedisPrefix(redisPrefix).catch(() => undefined);
    if (database) {
      await database.drop().catch((error: unknown) => log(`could not drop ${database?.name}: ${String(error)}`));
      if (args.keepDb) log(`kept database ${database.name} (reuse with --db ${database.name})`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
