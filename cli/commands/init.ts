import { readFileSync } from "node:fs";
import path from "node:path";
import { intro, outro, spinner } from "@clack/prompts";
import type { Command } from "commander";
import type { Env } from "../../lib/config";
import { packageRoot } from "../../lib/paths";
import { checkConnectivity, type ConnectivityReport, type ConnectivityStep } from "../../lib/setup/check-connectivity";
import { generateAuthSecret } from "../../lib/setup/generate-auth-secret";
import type { InitValues } from "../../lib/setup/init-values";
import { maskUrl } from "../../lib/setup/mask-url";
import { renderEnvFile } from "../../lib/setup/render-env-file";
import { resolveInitValues, withInitDefaults } from "../../lib/setup/resolve-init-values";
import { assertCanWriteEnvFile, writeEnvFile } from "../../lib/setup/write-env-file";
import { promptInitValues } from "../init-prompts";

export type InitOptions = {
  yes?: boolean;
  /** Folder for `.env` (default: the current directory). */
  dir?: string;
  databaseUrl?: string;
  redisUrl?: string;
  port?: string | number;
  siteUrl?: string;
  siteName?: string;
  force?: boolean;
  /** Default: process.env (DATABASE_URL, REDIS_URL, PORT, SITE_URL, SITE_NAME fill unanswered values). */
  env?: Env;
  /** Default: a TTY on both ends and no `--yes`. */
  interactive?: boolean;
  /** Where progress lines go (default stdout). */
  output?: (line: string) => void;
};

export type InitResult = { envFile: string; values: InitValues; createdDatabase: boolean };

/** `community-engine init` (API.md): exit 0 written, 1 bad input / refused, 2 a service unreachable. */
export function registerInitCommand(program: Command): void {
  program
    .command("init")
    .description("Write .env (database, Redis, site URL, a generated auth secret) after checking the services answer")
    .option("-y, --yes", "never prompt: use flags, environment variables and local defaults")
    .option("--dir <path>", "folder to write .env into", ".")
    .option("--database-url <url>", "PostgreSQL URL (default postgresql://postgres@127.0.0.1:5432/community_engine)")
    .option("--redis-url <url>", "Redis URL (default redis://127.0.0.1:6379)")
    .option("--port <n>", "HTTP port (default 3000)")
    .option("--site-url <url>", "public URL of the site (default http://localhost:<port>)")
    .option("--site-name <name>", 'site name (default "Community Engine")')
    .option("--force", "overwrite an existing .env (a new auth secret signs everyone out)")
    .action(async (options: InitOptions) => {
      await runInit(options);
    });
}

/** Validates everything, then checks the services, then writes `.env`: nothing is written on failure. */
export async function runInit(options: InitOptions = {}): Promise<InitResult> {
  const output = options.output ?? ((line: string) => process.stdout.write(`${line}\n`));
  const interactive = options.interactive ?? (!options.yes && Boolean(process.stdin.isTTY && process.stdout.isTTY));
  const envFile = path.resolve(options.dir ?? ".", ".env");

  const { known } = resolveInitValues({
    flags: {
      databaseUrl: options.databaseUrl,
      redisUrl: options.redisUrl,
      port: options.port,
      siteUrl: options.siteUrl,
      siteName: options.siteName,
    },
    env: options.env ?? process.env,
  });
  assertCanWriteEnvFile({ file: envFile, force: options.force });
  const template = readFileSync(path.join(packageRoot(), "templates", "env.template"), "utf8");

  if (interactive) intro("Community Engine set-up");
  const values = interactive ? await promptInitValues(known) : withInitDefaults(known);
  const progress = interactive ? spinnerProgress() : plainProgress(output, values);
  let report: ConnectivityReport;
  try {
    report = await checkConnectivity({
      databaseUrl: values.databaseUrl,
      redisUrl: values.redisUrl,
      createDatabaseIfMissing: true,
      onStep: progress.step,
    });
  } catch (error) {
    progress.fail();
    throw error;
  }

  writeEnvFile({
    file: envFile,
    force: options.force,
    content: renderEnvFile({
      template,
      values: {
        DATABASE_URL: values.databaseUrl,
        REDIS_URL: values.redisUrl,
        BETTER_AUTH_SECRET: generateAuthSecret(),
        SITE_URL: values.siteUrl,
        SITE_NAME: values.siteName,
        PORT: String(values.port),
      },
    }),
  });

  const next = "Next: community-engine migrate, then admin create --email … --username …, then start";
  if (interactive) {
    outro(`Wrote ${envFile} (mode 600). ${next}`);
  } else {
    output(`✓ Wrote ${envFile} (mode 600)`);
    output(next);
  }
  return { envFile, values, createdDatabase: report.createdDatabase };
}

type Progress = { step: (step: ConnectivityStep) => void; fail: () => void };

/** A spinner per service on a TTY; stopped on failure too, so the process can exit. */
function spinnerProgress(): Progress {
  let current: { service: string; spin: ReturnType<typeof spinner> } | undefined;
  return {
    step(step) {
      if (step.state === "start") {
        current = { service: step.service, spin: spinner() };
        current.spin.start(`Checking ${step.service}`);
      } else {
        current?.spin.stop(`${step.service} reachable (${step.detail})`);
        current = undefined;
      }
    },
    fail() {
      current?.spin.error(`${current.service} unreachable`);
      current = undefined;
    },
  };
}

function plainProgress(output: (line: string) => void, values: InitValues): Progress {
  return {
    step(step) {
      if (step.state !== "ok") return;
      const url = step.service === "PostgreSQL" ? values.databaseUrl : values.redisUrl;
      output(`✓ ${step.service} reachable at ${maskUrl(url)} (${step.detail})`);
    },
    fail() {},
  };
}
