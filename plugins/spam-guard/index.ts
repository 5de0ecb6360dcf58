import { z } from "zod";
import { definePlugin, reject, type PluginContext } from "../../lib/plugins/define-plugin";
import type { HookActor } from "../../lib/plugins/hook-types";

const configSchema = z.object({
  /** Reject at or above this score. */
  threshold: z.number().min(1).default(10),
  /** Only log what would be rejected (measure false positives before enforcing). */
  shadowMode: z.boolean().default(false),
  newAccountDays: z.number().min(0).default(3),
  linkScore: z.number().min(0).default(4),
  blockedWords: z.array(z.string().min(1)).default([]),
  blockedWordScore: z.number().min(0).default(10),
  blockedDomains: z.array(z.string().min(1)).default([]),
  blockedDomainScore: z.number().min(0).default(10),
  duplicateScore: z.number().min(0).default(8),
  burstWindowSeconds: z.number().int().min(1).default(60),
  burstMaxPosts: z.number().int().min(1).default(4),
  burstScore: z.number().min(0).default(6),
  /** Optional HTTP classifier (an LLM or Akismet-like service): POST {text, author} → {spam, score?}. */
  classifierUrl: z.url().optional(),
  classifierTimeoutMs: z.number().int().min(50).max(10_000).default(1500),
  /** What a classifier timeout/error means: "open" lets the post through, "closed" rejects it. */
  classifierFailMode: z.enum(["open", "closed"]).default("open"),
  classifierScore: z.number().min(0).default(10),
});
type Config = z.infer<typeof configSchema>;

const LINK = /\bhttps?:\/\/([^\s/)>"']+)/gi;

/** Scores a post against the rules; returns the total and the reasons that fired. */
export async function scorePost(text: string, author: HookActor, context: PluginContext<Config>): Promise<{ score: number; reasons: string[] }> {
  const { config, db } = context;
  const reasons: string[] = [];
  let score = 0;
  const add = (points: number, reason: string) => {
    if (points > 0) {
      score += points;
      reasons.push(reason);
    }
  };
  const hosts = [...text.matchAll(LINK)].map((match) => match[1].toLowerCase());
  const ageDays = (Date.now() - new Date(author.createdAt).getTime()) / 86_400_000;
  if (hosts.length > 0 && ageDays < config.newAccountDays) add(config.linkScore * hosts.length, `${hosts.length} link(s) from a new account`);
  const lower = text.toLowerCase();
  const words = config.blockedWords.filter((word) => lower.includes(word.toLowerCase()));
  if (words.length) add(config.blockedWordScore * words.length, `blocked words: ${words.join(", ")}`);
  const domains = hosts.filter((host) => config.blockedDomains.some((d) => host === d.toLowerCase() || host.endsWith(`.${d.toLowerCase()}`)));
  if (domains.length) add(config.blockedDomainScore * domains.length, `blocked domains: ${[...new Set(domains)].join(", ")}`);

  const since = new Date(Date.now() - config.burstWindowSeconds * 1000);
  const day = new Date(Date.now() - 86_400_000);
  const [recentQuestions, recentAnswers, duplicates] = await Promise.all([
    db.question.count({ where: { authorId: author.id, createdAt: { gte: since } } }),
    db.answer.count({ where: { authorId: author.id, createdAt: { gte: since } } }),
    db.$queryRaw<Array<{ n: number }>>`
      SELECT ((SELECT count(*) FROM "question" WHERE "body" = ${text} AND "createdAt" > ${day}) +
              (SELECT count(*) FROM "answer" WHERE "body" = ${text} AND "createdAt" > ${day}))::int AS n`,
  ]);
  if (recentQuestions + recentAnswers >= config.burstMaxPosts) add(config.burstScore, `${recentQuestions + recentAnswers} posts in ${config.burstWindowSeconds} s`);
  if (duplicates[0].n > 0) add(config.duplicateScore, "identical content posted recently");

  if (config.classifierUrl) {
    try {
      const response = await fetch(config.classifierUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text, author: { id: author.id, username: author.username, reputation: author.reputation } }),
        signal: AbortSignal.timeout(config.classifierTimeoutMs),
      });
      if (!response.ok) throw new Error(`classifier answered ${response.status}`);
      const verdict = (await response.json()) as { spam?: boolean; score?: number };
      if (verdict.spam) add(typeof verdict.score === "number" ? verdict.score : config.classifierScore, "classifier says spam");
    } catch (error) {
      context.logger.warn({ err: error }, `spam classifier unavailable (fail-${config.classifierFailMode})`);
      if (config.classifierFailMode === "closed") add(config.threshold, "spam check unavailable");
    }
  }
  return { score, reasons };
}

async function check(text: string, author: HookActor, context: PluginContext<Config>) {
  const { score, reasons } = await scorePost(text, author, context);
  if (score < context.config.threshold) return;
  const reason = `Looks like spam (${reasons.join("; ")})`;
  if (context.config.shadowMode) {
    context.logger.warn({ author: author.username, score, reasons, shadow: true }, "spam-guard would reject this post (shadow mode)");
    return;
  }
  context.logger.info({ author: author.username, score, reasons }, "spam-guard rejected a post");
  return reject(reason);
}

export default definePlugin({
  name: "spam-guard",
  version: "1.0.0",
  description: "Scores new posts (links from new accounts, blocked words/domains, duplicates, bursts, optional classifier) and rejects spam",
  engines: ">=0.1.0 <1.0.0",
  configSchema,
  hooks: {
    filters: {
      "question.beforeCreate": { priority: 5, timeoutMs: 3000, run: (p, ctx) => check(`${p.title}\n${p.body}`, p.author, ctx) },
      "answer.beforeCreate": { priority: 5, timeoutMs: 3000, run: (p, ctx) => check(p.body, p.author, ctx) },
    },
  },
});
