import { existsSync } from "node:fs";
import type { Command } from "commander";
import { z } from "zod";
import { parseConfig, PORT_SCHEMA, readEnv, type Config } from "../../lib/config";
import { AppError } from "../../lib/errors/app-error";
import type { Logger } from "../../lib/logger";
import { runMigrations } from "../../lib/migrations/run-migrations";
import { findPackageRoot } from "../../lib/paths/find-package-root";
import { appChildren, appPaths } from "../../lib/supervisor/app-children";
import { createSupervisorLogger } from "../../lib/supervisor/create-supervisor-logger";
import { supervise } from "../../lib/supervisor/supervise";

export type StartOptions = { port?: string | number; workers?: string | number; cwd?: string };

const WORKERS_SCHEMA = z.coerce.number().int().min(0).max(64);

/** `community-engine start`: supervises the web server and the worker(s) until SIGINT/SIGTERM. */
export function registerStartCommand(program: Command): void {
  program
    .command("start")
    .description("Run the site: web server + worker(s), restarted if they crash, until Ctrl-C / SIGTERM")
    .option("--port <n>", "HTTP port (default: PORT from the config, or 3000)")
    .option("--workers <n>", "worker processes to run (0 = web only)", "1")
    .action(async (options: StartOptions) => {
      process.exitCode = await runStart(options);
    });
}

/** Runs until stopped; resolves with the exit code (0 clean stop, 1 a child kept crashing). */
export async function runStart(options: StartOptions = {}): Promise<number> {
  const workers = WORKERS_SCHEMA.safeParse(options.workers ?? 1);
  if (!workers.success) throw new AppError("VALIDATION_FAILED", "--workers must be a whole number from 0 to 64");
  const env = readEnv({ cwd: options.cwd });
  if (options.port !== undefined) {
    const port = PORT_SCHEMA.safeParse(options.port);
    if (!port.success) throw new AppError("VALIDATION_FAILED", "--port must be a port number between 1 and 65535");
    env.PORT = String(port.data);
  }
  const config = parseConfig(env);
  const packageRoot = findPackageRoot();
  const paths = appPaths(packageRoot);
  for (const file of [paths.serverJs, paths.workerJs]) {
    if (!existsSync(file)) throw new AppError("NOT_FOUND", `${file} is missing: run \`npm run build\` (a packed release includes it)`);
  }

  const logger = createSupervisorLogger({ level: config.LOG_LEVEL });
  if (config.MIGRATE_ON_START) {
    const result = await runMigrations({
      databaseUrl: config.DATABASE_URL,
      migrationsDir: paths.migrationsDir,
      log: (message) => logger.info(message),
    });
    logger.info({ applied: result.applied.length }, `MIGRATE_ON_START: ${result.applied.length} migration(s) applied`);
  }

  const supervisor = supervise({
    children: appChildren({ packageRoot, config, env, workers: workers.data }),
    logger,
    shutdownTimeoutMs: 10_000,
  });
  let stopping = false;
  let forced = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (forced) return;
    if (stopping) {
      forced = true;
      logger.warn({ signal }, "second signal: killing every process now");
      supervisor.kill();
      return;
    }
    stopping = true;
    logger.info({ signal }, "stopping: asking every process to finish its work (again to force)");
    void supervisor.stop();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let finished = false;
  void announceWhenHealthy({ config, logger, stopped: () => stopping || finished });

  const code = await supervisor.done;
  finished = true;
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  return forced ? 1 : code;
}

/** One "ready" line with the URL once /api/health answers, so a human knows where to go. */
async function announceWhenHealthy(options: { config: Config; logger: Logger; stopped: () => boolean }): Promise<void> {
  const { config, logger } = options;
  const host = ["0.0.0.0", "::", ""].includes(config.HOST) ? "127.0.0.1" : config.HOST;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${config.PORT}/api/health`;
  const deadline = Date.now() + 120_000;
  while (!options.stopped() && Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (options.stopped()) return;
      if (response.ok) {
        logger.info({ url: config.SITE_URL, port: config.PORT }, `✓ Community Engine is up: ${config.SITE_URL}`);
        return;
      }
      if (response.status === 503) logger.debug({ health: await response.json().catch(() => null) }, "waiting for health");
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500).unref());
  }
}
