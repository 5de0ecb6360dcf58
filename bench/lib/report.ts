import type { TreeMemory } from "./product";
import { round, type LoadFigures } from "./stats";

export type ScenarioResult = {
  id: string;
  title: string;
  /** Body bytes of one response (what the bare ceiling returns too). */
  bytes: number;
  product: LoadFigures;
  /** Bare node:http returning the same number of bytes (or an empty 304). */
  ceiling: LoadFigures;
  /** The same SQL the uncached render sends, replayed through pg; null where not meaningful. */
  sql: LoadFigures | null;
  /** Statements one uncached render sends (from Prisma's query log). */
  sqlStatements: number | null;
  /** Postgres transactions per request while the product was under load (background subtracted). */
  dbXactsPerRequest: number | null;
  /** CPU time per request: the product's whole process tree, its web server alone, the bare server. */
  cpuMsPerRequest: { product: number; web: number; ceiling: number };
};

export type VoteResult = {
  product: LoadFigures;
  ceiling: LoadFigures;
  /** The same vote statements sent bare through pg: the database's ceiling. */
  sql: LoadFigures;
  voters: number;
  dbXactsPerRequest: number | null;
  cpuMsPerRequest: { product: number; web: number; ceiling: number };
  integrity: { drift: number; kinds: Record<string, number>; seconds: number };
};

export type TargetCheck = { name: string; target: string; measured: string; met: boolean | null };

export type BenchReport = {
  at: string;
  machine: { cpus: number; model: string; memoryGb: number; node: string; postgres: string; loadAverageStart: number[]; loadAverageEnd: number[] };
  git: { commit: string; dirty: boolean };
  options: { scale: number; duration: number; connections: number; build: string };
  dataset: { questions: number; answers: number; users: number; tags: number; votes: number; seededSeconds: number | null; reused: boolean };
  startup: { coldStartMs: number; idleRss: TreeMemory; rssAfterLoad: TreeMemory | null };
  scenarios: ScenarioResult[];
  votes: VoteResult | null;
  notify: Record<string, unknown> | null;
  targets: TargetCheck[];
};

const pct = (value: number) => `${round(value * 100, 1)}%`;
const ms = (value: number) => (Number.isFinite(value) ? `${value}` : "–");

export function ratio(product: LoadFigures, baseline: LoadFigures | null): number | null {
  return baseline && baseline.rps > 0 ? product.rps / baseline.rps : null;
}

export function renderMarkdown(report: BenchReport): string {
  const lines: string[] = [];
  const { machine, dataset, options } = report;
  lines.push(`# Benchmark ${report.at}`);
  lines.push("");
  lines.push(
    `Scale ${options.scale} (${dataset.questions.toLocaleString("en")} questions, ${dataset.answers.toLocaleString("en")} answers, ${dataset.users.toLocaleString("en")} users, ${dataset.tags.toLocaleString("en")} tags, ${dataset.votes.toLocaleString("en")} votes) · ` +
      `${options.connections} connections × ${options.duration} s per run · ${machine.cpus} × ${machine.model}, ${machine.memoryGb} GB · Node ${machine.node} · ${machine.postgres} · ` +
      `load average ${machine.loadAverageStart.map((l) => l.toFixed(2)).join(" ")} → ${machine.loadAverageEnd.map((l) => l.toFixed(2)).join(" ")} · ${report.git.commit.slice(0, 10)}${report.git.dirty ? " (+ uncommitted changes)" : ""}`,
  );
  lines.push("");
  lines.push("| Scenario | Bytes | req/s | p50 ms | p95 ms | p99 ms | Errors | Node ceiling req/s | % of ceiling | CPU ms/req: tree / web (ceiling) | SQL-only /s | vs SQL | SQL stmts (uncached) | DB xacts/req |");
  lines.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const s of report.scenarios) {
    const toCeiling = ratio(s.product, s.ceiling);
    const toSql = ratio(s.product, s.sql);
    lines.push(
      `| ${s.title} | ${s.bytes.toLocaleString("en")} | ${s.product.rps.toLocaleString("en")} | ${ms(s.product.p50)} | ${ms(s.product.p95)} | ${ms(s.product.p99)} | ${s.product.errors} | ${s.ceiling.rps.toLocaleString("en")} | ${toCeiling === null ? "–" : pct(toCeiling)} | ${s.cpuMsPerRequest.product} / ${s.cpuMsPerRequest.web} (${s.cpuMsPerRequest.ceiling}) | ${s.sql ? s.sql.rps.toLocaleString("en") : "–"} | ${toSql === null ? "–" : `${round(toSql, 2)}×`} | ${s.sqlStatements ?? "–"} | ${s.dbXactsPerRequest ?? "–"} |`,
    );
  }
  if (report.votes) {
    const v = report.votes;
    lines.push(
      `| Votes, ${v.voters} concurrent voters (POST /api/v1/votes) | – | ${v.product.rps.toLocaleString("en")} | ${ms(v.product.p50)} | ${ms(v.product.p95)} | ${ms(v.product.p99)} | ${v.product.errors} | ${v.ceiling.rps.toLocaleString("en")} | ${pct(v.product.rps / v.ceiling.rps)} | ${v.cpuMsPerRequest.product} / ${v.cpuMsPerRequest.web} (${v.cpuMsPerRequest.ceiling}) | ${v.sql ? v.sql.rps.toLocaleString("en") : "–"} | ${v.sql ? `${round(v.product.rps / Math.max(1, v.sql.rps), 2)}×` : "–"} | 1 | ${v.dbXactsPerRequest ?? "–"} |`,
    );
  }
  lines.push("");
  lines.push(`- Cold start (\`community-engine start\` → /api/health 200): **${Math.round(report.startup.coldStartMs)} ms**`);
  lines.push(
    `- Idle RSS of the process tree: **${report.startup.idleRss.totalMb} MB** (${report.startup.idleRss.processes.map((p) => `${p.name} ${p.rssMb}`).join(", ")}); PSS ${report.startup.idleRss.pssMb} MB (shared pages counted once)`,
  );
  if (report.startup.rssAfterLoad) lines.push(`- RSS of the tree after the load runs: ${report.startup.rssAfterLoad.totalMb} MB (PSS ${report.startup.rssAfterLoad.pssMb} MB)`);
  if (report.votes) {
    const kinds = Object.entries(report.votes.integrity.kinds).map(([kind, n]) => `${kind}: ${n}`).join(", ");
    lines.push(`- Integrity check after the vote run: **drift ${report.votes.integrity.drift}**${kinds ? ` (${kinds})` : ""} (${report.votes.integrity.seconds} s)`);
  }
  if (report.notify) {
    const n = report.notify as { latencyMs?: { p50: number; p95: number; p99: number }; k?: number; rate?: unknown; mode?: string; error?: string };
    lines.push(
      n.latencyMs
        ? `- Notification end-to-end (bench/notify.ts, ${n.k} answers at ${n.rate}/s, ${n.mode}): p50 **${n.latencyMs.p50} ms**, p95 ${n.latencyMs.p95} ms, p99 **${n.latencyMs.p99} ms**`
        : `- Notification end-to-end: not measured (${n.error ?? "unknown error"})`,
    );
  }
  lines.push("");
  lines.push("| Target | Goal | Measured | Met |");
  lines.push("|---|---|---|---|");
  for (const t of report.targets) lines.push(`| ${t.name} | ${t.target} | ${t.measured} | ${t.met === null ? "–" : t.met ? "yes" : "**no**"} |`);
  lines.push("");
  return lines.join("\n");
}

/** The issue's targets against this run's figures. */
export function checkTargets(report: Omit<BenchReport, "targets">): TargetCheck[] {
  const find = (id: string) => report.scenarios.find((s) => s.id === id);
  const checks: TargetCheck[] = [];
  const anon = find("question-anon");
  if (anon) {
    const r = ratio(anon.product, anon.ceiling) ?? 0;
    checks.push({ name: "Anonymous question page throughput", target: "≥ 10% of the ceiling (stretch 25%)", measured: pct(r), met: r >= 0.1 });
    checks.push({ name: "Anonymous question page p99", target: "< 100 ms", measured: `${anon.product.p99} ms`, met: anon.product.p99 < 100 });
  }
  const inm = find("unread-count-304");
  if (inm) {
    const r = ratio(inm.product, inm.ceiling) ?? 0;
    checks.push({ name: "unread-count with If-None-Match", target: "≥ 50% of the ceiling", measured: pct(r), met: r >= 0.5 });
  }
  for (const id of ["question-signed-in", "question-signed-in-view"]) {
    const s = find(id);
    if (s) checks.push({ name: `${s.title} p99`, target: "< 150 ms", measured: `${s.product.p99} ms`, met: s.product.p99 < 150 });
  }
  for (const id of ["home", "tag", "search"]) {
    const s = find(id);
    if (s) checks.push({ name: `${s.title} p95`, target: "< 100 ms", measured: `${s.product.p95} ms`, met: s.product.p95 < 100 });
  }
  if (report.votes) {
    checks.push({ name: "Votes throughput", target: "≥ 1,000/s", measured: `${report.votes.product.rps}/s`, met: report.votes.product.rps >= 1000 });
    checks.push({ name: "Integrity drift after votes", target: "0", measured: String(report.votes.integrity.drift), met: report.votes.integrity.drift === 0 });
  }
  const latency = (report.notify as { latencyMs?: { p50: number; p99: number } } | null)?.latencyMs;
  if (latency) {
    checks.push({ name: "Notification latency p50", target: "< 50 ms", measured: `${latency.p50} ms`, met: latency.p50 < 50 });
    checks.push({ name: "Notification latency p99", target: "< 250 ms", measured: `${latency.p99} ms`, met: latency.p99 < 250 });
  }
  checks.push({ name: "Cold start to healthy", target: "< 5 s", measured: `${Math.round(report.startup.coldStartMs)} ms`, met: report.startup.coldStartMs < 5000 });
  checks.push({ name: "Idle RSS of the tree", target: "< 400 MB", measured: `${report.startup.idleRss.totalMb} MB`, met: report.startup.idleRss.totalMb < 400 });
  if (report.options.scale < 1) checks.push({ name: "Dataset", target: "scale 1 (100k questions)", measured: `scale ${report.options.scale}`, met: false });
  return checks;
}
