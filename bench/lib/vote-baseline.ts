import pg from "pg";
import { voteCastStatement } from "../../lib/votes/vote-cast-statement";
import { LatencyRecorder, type LoadFigures } from "./stats";
import type { BenchUser } from "./users";

/**
 * The database ceiling for votes: the product's own vote statement (vote, ledger and outbox row
 * in one, lib/votes/vote-cast-statement.ts) sent bare through a pg pool of the product's size by
 * `connections` voters for `duration` seconds. Voter i works through `slices[i]` (answers the
 * HTTP run did not touch), upvoting on the first pass and retracting on the next, so, as in the
 * HTTP run, every vote changes something. The product's worker relays the events as usual.
 */
export async function runVoteSqlBaseline(options: {
  databaseUrl: string;
  users: BenchUser[];
  slices: number[][];
  duration: number;
  poolSize: number;
}): Promise<LoadFigures> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize });
  const recorder = new LatencyRecorder();
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.duration * 1000;
  try {
    await Promise.all(
      options.slices.map(async (answers, voter) => {
        const user = options.users[voter % options.users.length];
        for (let sent = 0; performance.now() < deadline && answers.length > 0; sent++) {
          const targetId = answers[sent % answers.length];
          const value = Math.floor(sent / answers.length) % 2 === 0 ? 1 : 0;
          const statement = voteCastStatement({ actorId: user.id, targetType: "answer", targetId, value });
          const t0 = performance.now();
          try {
            const { rows } = await pool.query<{ status: string }>(statement.text, statement.values);
            if (rows[0]?.status !== "ok") throw new Error(rows[0]?.status ?? "no row");
            recorder.add(performance.now() - t0);
          } catch {
            errors++;
          }
        }
      }),
    );
  } finally {
    await pool.end();
  }
  return recorder.figures((performance.now() - started) / 1000, errors, { ok: recorder.size });
}
