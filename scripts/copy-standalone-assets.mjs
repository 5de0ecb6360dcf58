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

rmSync(path.join(innerDist, "node_modules"), { recursive: true, force: true });
// The server needs only these. Everything else is either the traced node_modules (see above),
// the build machine's .env files (never ship or load those), or project files Next's tracer
// pulled in because some fs call used a path it could not resolve (e.g. a folder taken from
// config): sources, tests, lockfiles. None of it is read at runtime; the tests run this same
// pruned server, so a file that was needed would show up there first.
const KEEP = new Set(["server.js", "package.json", "public", distDir.split(/[\\/]/)[0]]);
const pruned = [];
for (const entry of readdirSync(standalone)) {
  if (KEEP.has(entry)) continue;
  rmSync(path.join(standalone, entry), { recursive: true, force: true });
  if (entry !== "node_modules") pruned.push(entry);
}
if (pruned.length > 0) console.log(`  pruned project files the tracer copied into standalone: ${pruned.join(", ")}`);

console.log(`✓ ${path.relative(root, standalone)}: static assets copied, ${aliases.size} external aliases rewritten in ${changed} files`);
