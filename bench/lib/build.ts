import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** Where an isolated build lives: its own package folder, so shared build output is never touched. */
export const ISOLATED_ROOT = path.join(ROOT, ".next-bench-root");
const ISOLATED_DIST_DIR = ".next-bench";

function run(command: string, args: string[], options: { cwd: string; env?: Record<string, string> }): void {
  const result = spawnSync(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status})`);
}

function packageIsBuilt(packageRoot: string): boolean {
  return existsSync(path.join(packageRoot, "dist", "cli.js")) && existsSync(path.join(packageRoot, ".next", "standalone", "server.js"));
}

/**
 * The package folder `community-engine start` runs from. Default: this checkout, built with
 * `npm run build` if dist/cli.js or .next/standalone is missing. `isolated`: a package folder of
 * its own (.next-bench-root: the same build scripts, web output in .next-bench), so a benchmark
 * can build while other work uses the checkout's .next and dist.
 */
export function preparePackage(options: { force: boolean; isolated: boolean; log: (message: string) => void }): string {
  if (!options.isolated) {
    if (options.force || !packageIsBuilt(ROOT)) {
      options.log("building: npm run build");
      run("npm", ["run", "build"], { cwd: ROOT });
    }
    return ROOT;
  }
  if (!options.force && packageIsBuilt(ISOLATED_ROOT)) return ISOLATED_ROOT;
  options.log(`building into ${path.relative(ROOT, ISOLATED_ROOT)}`);
  rmSync(ISOLATED_ROOT, { recursive: true, force: true });
  mkdirSync(path.join(ISOLATED_ROOT, "bin"), { recursive: true });
  mkdirSync(path.join(ISOLATED_ROOT, "scripts"), { recursive: true });
  // The sources and installed packages by link; the build script and entry point as copies
  // (Node resolves a linked entry point to its real folder, which would be the checkout).
  for (const name of ["node_modules", "cli", "lib", "worker", "prisma", "templates", "plugins", "tsconfig.json"]) {
    symlinkSync(path.join(ROOT, name), path.join(ISOLATED_ROOT, name));
  }
  copyFileSync(path.join(ROOT, "package.json"), path.join(ISOLATED_ROOT, "package.json"));
  copyFileSync(path.join(ROOT, "bin", "community-engine.js"), path.join(ISOLATED_ROOT, "bin", "community-engine.js"));
  copyFileSync(path.join(ROOT, "scripts", "build-cli.mjs"), path.join(ISOLATED_ROOT, "scripts", "build-cli.mjs"));
  if (!existsSync(path.join(ROOT, "lib", "generated", "prisma", "client.ts"))) run("npm", ["run", "generate"], { cwd: ROOT });
  run(process.execPath, [path.join(ISOLATED_ROOT, "scripts", "build-cli.mjs")], { cwd: ISOLATED_ROOT });
  // next build adds its dist folder's type paths to tsconfig.json: a shared file, so put it back.
  const tsconfig = readFileSync(path.join(ROOT, "tsconfig.json"), "utf8");
  try {
    run("npm", ["run", "build:web"], { cwd: ROOT, env: { NEXT_DIST_DIR: ISOLATED_DIST_DIR } });
  } finally {
    if (readFileSync(path.join(ROOT, "tsconfig.json"), "utf8") !== tsconfig) writeFileSync(path.join(ROOT, "tsconfig.json"), tsconfig);
  }
  symlinkSync(path.join(ROOT, ISOLATED_DIST_DIR), path.join(ISOLATED_ROOT, ".next"));
  return ISOLATED_ROOT;
}
