import { existsSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { getConfig } from "../../lib/config";
import { getDb } from "../../lib/db";
import { runAdminCreate } from "./admin";
import { runInit } from "./init";
import { runMigrate } from "./migrate";
import { runStart } from "./start";

export type UpOptions = { port?: string; workers?: string; output?: (line: string) => void };

/** `admin@localhost` is not an address Better-Auth accepts; example.com is reserved for this. */
export const UP_ADMIN = { email: "admin@example.com", username: "admin" } as const;

/** `community-engine up`: the one-command try-out (API.md). Exit code is `start`'s. */
export function registerUpCommand(program: Command): void {
  program
    .command("up")
    .description("Try it out: init --yes (local defaults) + migrate + an admin account (printed) + start")
    .option("--port <n>", "HTTP port (default 3000)")
    .option("--workers <n>", "worker processes to run", "1")
    .action(async (options: UpOptions) => {
      try {
        process.exitCode = await runUp(options);
      } finally {
        // Connections opened in this process by the admin step (plugin host, Redis) may linger;
        // `up` is over once start is, so exit with whatever code main() settles on.
        setTimeout(() => process.exit(), 200).unref();
      }
    });
}

/** Every step is idempotent: a second `up` reuses .env, finds no migration and keeps the admin. */
export async function runUp(options: UpOptions = {}): Promise<number> {
  const output = options.output ?? ((line: string) => process.stdout.write(`${line}\n`));
  const envFile = path.resolve(".env");
  if (existsSync(envFile)) output(`✓ Using the existing ${envFile}`);
  // init's "Next: migrate, admin create, start" hint is what `up` does next: leave it out.
  else await runInit({ yes: true, port: options.port, output: (line) => line.startsWith("Next:") || output(line) });

  await runMigrate({ output });

  try {
    const admin = await runAdminCreate({ ...UP_ADMIN, interactive: false, output });
    const signIn = `${getConfig().SITE_URL}/sign-in`;
    if (admin.generatedPassword) output(`→ Sign in at ${signIn} as "${admin.username}" with the password above.`);
    else output(`→ Sign in at ${signIn} as "${admin.username}" (password unchanged; \`community-engine users reset-password ${admin.username}\` sets a new one).`);
  } finally {
    await closeProcessDb();
  }

  return runStart({ port: options.port, workers: options.workers });
}

/** The admin step used the process-wide client; `start` runs the site in other processes. */
async function closeProcessDb(): Promise<void> {
  try {
    await getDb().$disconnect();
  } catch {
    // the config was invalid, so no client was made
  }
}
