import type { AutocannonClient, AutocannonRequest } from "autocannon";
import type { Db } from "../../lib/db";
import { listAnswers } from "../../lib/answers/list-answers";
import { resolveActor } from "../../lib/auth/resolve-actor";
import { readUnreadCount } from "../../lib/notifications/read-unread-count";
import { getQuestion } from "../../lib/questions/get-question";
import { getReaderState } from "../../lib/questions/get-reader-state";
import { listQuestions } from "../../lib/questions/list-questions";
import { listTags } from "../../lib/tags/list-tags";
import type { DatasetTargets } from "./dataset";
import type { BenchUser } from "./users";

/** What one HTTP scenario sends, and how to tell a right answer from an error page. */
export type HttpScenario = {
  id: string;
  title: string;
  method?: "GET" | "POST";
  path: string;
  /** Each connection its own signed-in user (a different cookie per connection). */
  signedIn?: boolean;
  /** Extra per-user headers (e.g. If-None-Match with that user's ETag). */
  userHeaders?: (user: BenchUser) => Record<string, string>;
  /** A sequence per connection instead of one request (the personalised page view). */
  sequence?: string[];
  expect?: number[];
  /** Sanity check on one response before the run: the scenario must measure the real page. */
  looksRight: (status: number, body: string) => boolean;
  /** The uncached domain work behind the response, captured as SQL for the pg baseline. */
  sql?: (db: Db, users: BenchUser[]) => Promise<unknown>;
};

export function httpScenarios(targets: DatasetTargets, secret: string): HttpScenario[] {
  const question = `/questions/${targets.questionId}`;
  // What a signed-in reader's browser asks for on a question page (app/components: useMe,
  // useReaderState, the bell).
  const personal = [question, "/api/v1/me", `/api/v1/questions/${targets.questionId}/mine`, "/api/v1/notifications/unread-count"];
  const htmlOk = (marker: string) => (status: number, body: string) => status === 200 && body.includes(marker);
  return [
    {
      id: "question-anon",
      title: `Question page, anonymous (${targets.questionId}, 30 answers; first 10 rendered)`,
      path: question,
      looksRight: htmlOk('data-testid="question-title"'),
      sql: (db) => Promise.all([getQuestion({ db, id: targets.questionId }), listAnswers({ db, questionId: targets.questionId, limit: 10 })]),
    },
    {
      id: "home",
      title: "Home: newest questions + popular tags",
      path: "/",
      looksRight: htmlOk('data-testid="question-list"'),
      sql: (db) => Promise.all([listQuestions({ db, limit: 20 }), listTags({ db, sort: "popular", limit: 12 })]),
    },
    {
      id: "tag",
      title: `Tag page [${targets.tag}]`,
      path: `/tags/${encodeURIComponent(targets.tag)}`,
      looksRight: (status, body) => htmlOk('data-testid="question-list"')(status, body) && body.includes(`/tags/${targets.tag}`),
      sql: (db) => listQuestions({ db, tag: targets.tag, limit: 20 }),
    },
    {
      id: "search",
      title: `Search "${targets.search}"`,
      path: `/search?q=${encodeURIComponent(targets.search)}`,
      looksRight: (status, body) => htmlOk('data-testid="question-list"')(status, body) && body.includes("How do I"),
      sql: (db) => listQuestions({ db, q: targets.search, limit: 20 }),
    },
    {
      id: "question-signed-in",
      title: "Question page HTML, signed in (32 users)",
      path: question,
      signedIn: true,
      looksRight: htmlOk('data-testid="question-title"'),
    },
    {
      id: "question-signed-in-view",
      title: "Signed-in page view: HTML + me + my votes and follow + bell",
      path: question,
      sequence: personal,
      signedIn: true,
      looksRight: htmlOk('data-testid="question-title"'),
      sql: async (db, users) => {
        const headers = new Headers({ cookie: users[0].cookie });
        const resolved = await resolveActor({ headers, db, secret });
        const actorId = resolved.kind === "user" ? resolved.actor.id : null;
        // The three personal calls each resolve the session; the HTML page reads nothing per user.
        for (let i = 0; i < 2; i++) await resolveActor({ headers, db, secret });
        await db.user.findUnique({ where: { id: users[0].id }, select: { reputation: true } });
        if (actorId) await getReaderState({ db, questionId: targets.questionId, userId: actorId });
        await readUnreadCount({ db, userId: users[0].id });
      },
    },
    {
      id: "unread-count",
      title: "GET /api/v1/notifications/unread-count (200)",
      path: "/api/v1/notifications/unread-count",
      signedIn: true,
      looksRight: (status, body) => status === 200 && /^\{"count":\d+\}$/.test(body),
      sql: async (db, users) => {
        await resolveActor({ headers: new Headers({ cookie: users[0].cookie }), db, secret });
        await readUnreadCount({ db, userId: users[0].id });
      },
    },
    {
      id: "unread-count-304",
      title: "GET /api/v1/notifications/unread-count with If-None-Match (304)",
      path: "/api/v1/notifications/unread-count",
      signedIn: true,
      userHeaders: (user) => ({ "if-none-match": user.etag }),
      expect: [304],
      looksRight: (status) => status === 304,
      sql: async (db, users) => {
        await resolveActor({ headers: new Headers({ cookie: users[0].cookie }), db, secret });
        await readUnreadCount({ db, userId: users[0].id });
      },
    },
  ];
}

/** autocannon options for a scenario: one user per connection when signed in. */
export function loadShape(scenario: HttpScenario, users: BenchUser[]): {
  path: string;
  setupClient?: (client: AutocannonClient) => void;
  requests?: AutocannonRequest[];
} {
  const paths = scenario.sequence ?? [scenario.path];
  if (!scenario.signedIn) return { path: scenario.path, requests: scenario.sequence ? paths.map((path) => ({ path })) : undefined };
  let next = 0;
  return {
    path: scenario.path,
    setupClient: (client) => {
      const user = users[next++ % users.length];
      const headers = { cookie: user.cookie, ...(scenario.userHeaders?.(user) ?? {}) };
      client.setRequests(paths.map((path) => ({ method: "GET", path, headers })));
    },
  };
}

/**
 * Each voter's answers, in two halves: the HTTP run votes on the first, the database baseline
 * (vote-baseline.ts) on the second, so each starts from answers with no vote of theirs.
 */
export function voterSlices(answerIds: number[], connections: number): { http: number[][]; sql: number[][] } {
  const size = Math.max(2, Math.floor(answerIds.length / connections));
  const slices = Array.from({ length: connections }, (_, voter) => answerIds.slice(voter * size, voter * size + size));
  return { http: slices.map((slice) => slice.slice(0, Math.ceil(slice.length / 2))), sql: slices.map((slice) => slice.slice(Math.ceil(slice.length / 2))) };
}

/**
 * The vote scenario: connection i is voter i, voting on its own slice of answers in order;
 * after a full pass it retracts them (value 0), then votes again, so every request changes a
 * vote (delta ≠ 0: the full write path with ledger rows).
 */
export function voteShape(options: { users: BenchUser[]; slices: number[][]; url: string }): (client: AutocannonClient) => void {
  const { users, slices } = options;
  let next = 0;
  return (client) => {
    const voter = next++;
    const user = users[voter % users.length];
    const mine = slices[voter % slices.length];
    let sent = 0;
    const request: AutocannonRequest = {
      method: "POST",
      path: "/api/v1/votes",
      headers: { cookie: user.cookie, "content-type": "application/json", origin: options.url },
      setupRequest: (req) => {
        const pass = Math.floor(sent / mine.length);
        const targetId = mine[sent % mine.length];
        sent++;
        return { ...req, body: JSON.stringify({ targetType: "answer", targetId, value: pass % 2 === 0 ? 1 : 0 }) };
      },
    };
    client.setRequests([request]);
  };
}
