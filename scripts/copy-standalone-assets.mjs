// After `next build`: make <distDir>/standalone a self-contained server folder that works from the
// npm tarball. Copies static assets in (the standalone output leaves them out), rewrites
// Turbopack's hashed external aliases, and removes the traced node_modules: npm pack would drop
// them anyway, and the installed package's own dependencies serve instead (same versions: the
// build-time ones are pinned in package.json).
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { checkExternalsAreDependencies, findLeftoverAliases, readHashedAliases, unhashExternals } from "./standalone-externals.mjs";

const root = path.resolve(import.meta.dirname, "..");
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const standalone = path.join(root, distDir, "standalone");
const innerDist = path.join(standalone, distDir);
if (!existsSync(path.join(standalone, "server.js"))) {
  throw new Error(`${standalone}/server.js is missing: next.config.ts must set output: "standalone"`);
}

cpSync(path.join(root, distDir, "static"), path.join(innerDist, "static"), { recursive: true });
if (existsSync(path.join(root, "public"))) cpSync(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });

const { dependencies = {} } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const aliases = readHashedAliases(path.join(innerDist, "node_modules"));
checkExternalsAreDependencies({ aliases, dependencies });
const changed = unhashExternals({ serverDir: path.join(innerDist, "server"), aliases });
const leftovers = findLeftoverAliases(path.join(innerDist, "server"));
if (leftovers.length > 0) throw new Error(`unresolved hashed externals left in the server output: ${leftovers.join(", ")}`);

rmSync(path.join(standalone, "node_modules"), { recursive: true, force: true });
rmSync(path.join(innerDist, "node_modules"), { recursive: true, force: true });
// Next copies the build machine's .env files into standalone: never ship (or load) those.
for (const entry of readdirSync(standalone)) {
  if (entry === ".env" || entry.startsWith(".env.")) rmSync(path.join(standalone, entry));
}

console.log(`✓ ${path.relative(root, standalone)}: static assets copied, ${aliases.size} external aliases rewritten in ${changed} files`);
