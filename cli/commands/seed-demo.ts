import type { Command } from "commander";
import { AppError } from "../../lib/errors/app-error";
import { seedDemo } from "../../lib/demo/seed-demo";
import { withCliDb } from "../cli-db";

function count(flag: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new AppError("VALIDATION_FAILED", `${flag} must be a whole number from 0 to ${max}`);
  return n;
}

/** `community-engine seed-demo`: realistic demo data for trying the product and for benchmarks. */
export function registerSeedDemoCommand(program: Command): void {
  program
    .command("seed-demo")
    .description("Fill the database with realistic demo data (refuses a non-empty database without --force)")
    .option("--questions <n>", "how many questions", "200")
    .option("--users <n>", "how many users", "50")
    .option("--answers-per-question <n>", "average answers per question", "3")
    .option("--force", "add demo data even if the database has questions")
    .action(async (options: { questions: string; users: string; answersPerQuestion: string; force?: boolean }) => {
      const input = {
        questions: count("--questions", options.questions, 5_000_000),
        users: count("--users", options.users, 1_000_000),
        answersPerQuestion: count("--answers-per-question", options.answersPerQuestion, 50),
      };
      const started = Date.now();
      const result = await withCliDb((db) =>
        seedDemo({ db, ...input, force: options.force, log: (message) => process.stderr.write(`… ${message}\n`) }),
      );
      process.stdout.write(
        `✓ Seeded ${result.users} users, ${result.questions} questions, ${result.answers} answers, ${result.votes} votes, ${result.tags} tags in ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
          `  Demo users sign in with their username (e.g. ${"demo_…_1"}) and the password "${result.password}".\n`,
      );
    });
}
