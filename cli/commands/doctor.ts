import type { Command } from "commander";
import { readEnv, type Env } from "../../lib/config";
import { defaultDoctorChecks } from "../../lib/doctor/default-checks";
import type { DoctorCheck, DoctorOutcome } from "../../lib/doctor/doctor-check";
import { createDoctorContext } from "../../lib/doctor/doctor-context";
import { formatDoctorOutcome, runDoctorChecks } from "../../lib/doctor/run-doctor-checks";
import { packageMigrationsDir } from "./migrate";

export type DoctorOptions = {
  /** Where `.env` is read from (default: the current directory). */
  cwd?: string;
  env?: Env;
  migrationsDir?: string;
  /** Default: defaultDoctorChecks(). */
  checks?: DoctorCheck[];
  output?: (line: string) => void;
};

export type DoctorResult = { ok: boolean; outcomes: DoctorOutcome[] };

/** `community-engine doctor` (API.md): one ✓/✗ line per check; exit 0 all good, 1 otherwise. */
export function registerDoctorCommand(program: Command): void {
  program
    .command("doctor")
    .description("Check config, PostgreSQL, migrations, Redis and the worker; one ✓/✗ line each")
    .option("--deep", "also recompute every aggregate (vote scores, counts, reputation) and report drift")
    .action(async (flags: { deep?: boolean }) => {
      const result = await runDoctor({ checks: defaultDoctorChecks({ deep: flags.deep }) });
      process.exitCode = result.ok ? 0 : 1;
    });
}

export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorResult> {
  const output = options.output ?? ((line: string) => process.stdout.write(`${line}\n`));
  const context = createDoctorContext({
    env: readEnv({ cwd: options.cwd, env: options.env }),
    migrationsDir: options.migrationsDir ?? packageMigrationsDir(),
  });
  try {
    const outcomes = await runDoctorChecks({
      checks: options.checks ?? defaultDoctorChecks(),
      context,
      onOutcome: (outcome) => output(formatDoctorOutcome(outcome)),
    });
    return { ok: outcomes.every((outcome) => outcome.ok), outcomes };
  } finally {
    await context.close();
  }
}
