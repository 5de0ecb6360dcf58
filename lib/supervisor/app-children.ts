import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Config, Env } from "../config";
import type { ChildSpec } from "./supervise";

export type AppChildrenOptions = {
  packageRoot: string;
  config: Config;
  /** The merged configuration (.env file + environment) every child gets. */
  env: Env;
  workers: number;
};

export function appPaths(packageRoot: string) {
  const standaloneDir = path.join(packageRoot, ".next", "standalone");
  return {
    standaloneDir,
    serverJs: path.join(standaloneDir, "server.js"),
    workerJs: path.join(packageRoot, "dist", "worker.js"),
    webServerPreloadJs: path.join(packageRoot, "dist", "web-server-preload.js"),
    migrationsDir: path.join(packageRoot, "prisma", "migrations"),
  };
}

/**
 * One V8 helper thread (GC, compilation) per child instead of four: each thread costs memory, and
 * the children share the machine with each other and with PostgreSQL. Measured on 2 cores: idle
 * RSS of the tree ~400 → ~290 MB, with the same throughput (docs/performance.md).
 */
const V8_FLAGS = ["--v8-pool-size=1"];

/**
 * What `start` runs: the Next standalone server and N workers. The configuration goes to
 * them through the environment: the server runs in its own folder and never sees the user's
 * .env. Packages resolve from the installed package's node_modules (see
 * scripts/copy-standalone-assets.mjs).
 */
export function appChildren(options: AppChildrenOptions): ChildSpec[] {
  const { config, packageRoot } = options;
  const paths = appPaths(packageRoot);
  const env: Record<string, string | undefined> = {
    ...options.env,
    PORT: String(config.PORT),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    // Where the install lives (its plugins/ folder and node_modules for third-party plugins):
    // the web server's own cwd is the package's standalone folder.
    CE_INSTALL_DIR: options.env.CE_INSTALL_DIR ?? process.cwd(),
    // glibc gives each thread that mallocs its own 64 MB arena; two are plenty for a Node process
    // (measured: the tree's idle RSS drops by ~25 MB). The user's own setting wins.
    MALLOC_ARENA_MAX: options.env.MALLOC_ARENA_MAX ?? "2",
  };
  const web: ChildSpec = {
    name: "web",
    command: process.execPath,
    args: [...V8_FLAGS, "--import", pathToFileURL(paths.webServerPreloadJs).href, paths.serverJs],
    cwd: paths.standaloneDir,
    env: { ...env, HOSTNAME: config.HOST },
  };
  const workers = Array.from({ length: options.workers }, (_, index): ChildSpec => ({
    name: options.workers === 1 ? "worker" : `worker-${index + 1}`,
    command: process.execPath,
    args: [...V8_FLAGS, paths.workerJs],
    env,
  }));
  return [web, ...workers];
}
