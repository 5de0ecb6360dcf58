import pg from "pg";
import { voteCastStatement } from "../../lib/votes/vote-cast-statement";
import { type LoadFigures, timedLoops } from "./stats";
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
  try {
    return await timedLoops({
      loops: options.slices.length,
      seconds: options.duration,
      iteration: async (voter, sent) => {
        const answers = options.slices[voter];
        const user = options.users[voter % options.users.length];
        const value = Math.floor(sent / answers.length) % 2 === 0 ? 1 : 0;
        const statement = voteCastStatement({ actorId: user.id, targetType: "answer", targetId: answers[sent % answers.length], value });
        const { rows } = await pool.query<{ status: string }>(statement.text, statement.values);
        if (rows[0]?.status !== "ok") throw new Error(rows[0]?.status ?? "no row");
      },
    });
  } finally {
    await pool.end();
  }
}
