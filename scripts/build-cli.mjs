// Bundles the CLI and the worker into dist/ (what the npm package runs; no TypeScript at runtime).
// npm dependencies stay external (installed with the package); our own code and the generated
// Prisma client (lib/generated, not a package) are bundled in.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));

rmSync(path.join(root, "dist"), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    // cli/entry.ts loads either the full CLI or the slim `start` program (a separate chunk).
    cli: "cli/entry.ts",
    worker: "worker/index.ts",
    // Preloaded into the Next server by `start`: the parent watchdog and the bell's fast path.
    "web-server-preload": "lib/supervisor/web-server-preload.ts",
  },
  outdir: "dist",
  bundle: true,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  keepNames: true,
  define: { __CE_VERSION__: JSON.stringify(version) },
  // Bundled CommonJS code (and createRequire-style lookups) need `require` in an ES module.
  banner: { js: 'import { createRequire as __ceCreateRequire } from "node:module"; const require = __ceCreateRequire(import.meta.url);' },
  logLevel: "warning",
});
console.log(`✓ dist/cli.js, dist/worker.js (v${version})`);
