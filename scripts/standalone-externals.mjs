// Turbopack refers to server-external packages by hashed aliases (`require("pino-28069d52…")`)
// that resolve through symlinks in <standalone>/<distDir>/node_modules. npm pack drops every
// node_modules folder (and symlinks), so the packed server could not find them. We rewrite the
// aliases back to the real package names: Node then resolves them by walking up from the
// installed package to the node_modules npm installed it with (its own dependencies).
import { lstatSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

const HASHED = /^(.+)-[0-9a-f]{16}$/;

/** Maps each hashed alias in `modulesDir` to the package its symlink points at. */
export function readHashedAliases(modulesDir) {
  const aliases = new Map();
  let entries = [];
  try {
    entries = readdirSync(modulesDir);
  } catch {
    return aliases; // no externals at all
  }
  for (const entry of entries) {
    const names = entry.startsWith("@") ? readdirSync(path.join(modulesDir, entry)).map((name) => `${entry}/${name}`) : [entry];
    for (const alias of names) {
      const full = path.join(modulesDir, alias);
      if (!HASHED.test(alias) || !lstatSync(full).isSymbolicLink()) continue;
      const target = readlinkSync(full).split(path.sep).join("/");
      const real = target.slice(target.lastIndexOf("node_modules/") + "node_modules/".length);
      aliases.set(alias, { real, nested: target.split("node_modules/").length > 2 });
    }
  }
  return aliases;
}

/** Rewrites every alias in the server output; returns how many files changed. */
export function unhashExternals({ serverDir, aliases }) {
  if (aliases.size === 0) return 0;
  const pattern = new RegExp([...aliases.keys()].map(escapeRegExp).join("|"), "g");
  let changed = 0;
  for (const file of walk(serverDir)) {
    if (!/\.(js|mjs|cjs|json)$/.test(file)) continue;
    const text = readFileSync(file, "utf8");
    const next = text.replace(pattern, (alias) => aliases.get(alias).real);
    if (next !== text) {
      writeFileSync(file, next);
      changed += 1;
    }
  }
  return changed;
}

/** Throws unless every external package will be installed next to the package (a dependency). */
export function checkExternalsAreDependencies({ aliases, dependencies }) {
  const problems = [];
  for (const [alias, { real, nested }] of aliases) {
    const name = real.startsWith("@") ? real.split("/").slice(0, 2).join("/") : real.split("/")[0];
    if (!dependencies[name]) problems.push(`${name} (${alias}) is loaded by the server but is not in package.json "dependencies"`);
    else if (nested) problems.push(`${alias} points at a nested copy (${real}); make ${name} a direct dependency at the same version`);
  }
  if (problems.length > 0) throw new Error(`standalone server externals:\n  ${problems.join("\n  ")}`);
}

/** Fails if any hashed alias is still referenced (a Next change we did not anticipate). */
export function findLeftoverAliases(serverDir) {
  const leftovers = new Set();
  for (const file of walk(serverDir)) {
    if (!file.endsWith(".js")) continue;
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/(?:require|\.y|import)\("((?:@[\w.-]+\/)?[\w.-]+-[0-9a-f]{16})(?:\/[^"]*)?"\)/g)) leftovers.add(match[1]);
  }
  return [...leftovers];
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
