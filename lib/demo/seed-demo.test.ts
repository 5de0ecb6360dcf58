import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db";
import { checkIntegrity } from "../integrity/check-integrity";
import { listQuestions } from "../questions/list-questions";
import { createMigratedTestDatabase } from "../../test/helpers/migrated-test-database";
import type { TestDatabase } from "../../test/helpers/test-database";
import { seedDemo } from "./seed-demo";

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createDb({ databaseUrl: database.url });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("seedDemo", () => {
  it("creates consistent, searchable data and refuses a non-empty database without force", async () => {
    const result = await seedDemo({ db, questions: 300, users: 40 });
    expect(result.questions).toBe(300);
    expect(result.answers).toBeGreaterThan(300);
    expect(result.votes).toBeGreaterThan(100);
    expect((await checkIntegrity({ db })).drift).toEqual([]);
    expect((await listQuestions({ db, q: "connection pool" })).items.length).toBeGreaterThan(0);
    expect(await db.question.count({ where: { acceptedAnswerId: { not: null } } })).toBeGreaterThan(0);
    const [stats] = await db.$queryRaw<Array<{ analyzed: boolean }>>`
      SELECT last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables WHERE relname = 'reputation_event'`;
    expect(stats.analyzed).toBe(true); // planner statistics for the bulk load
    await expect(seedDemo({ db, questions: 10, users: 5 })).rejects.toMatchObject({ code: "CONFLICT" });
    await seedDemo({ db, questions: 10, users: 5, force: true });
    expect(await db.question.count()).toBe(310);
    expect((await checkIntegrity({ db })).drift).toEqual([]);
  });
});
