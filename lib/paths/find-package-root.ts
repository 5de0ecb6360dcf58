import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_NAME = "community-engine";

/**
 * The installed package's folder (where dist/, prisma/ and .next/standalone live), found by
 * walking up from this code: from the bundle that is dist/cli.js → its parent; from source,
 * the repository. Works the same from a git checkout, an npm install, npx or a global install.
 */
export function findPackageRoot(from: string = import.meta.url): string {
  let dir = path.dirname(from.startsWith("file:") ? fileURLToPath(from) : from);
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && readName(manifest) === PACKAGE_NAME) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package folder above ${from}`);
    dir = parent;
  }
}

function readName(manifest: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name;
  } catch {
    return undefined;
  }
}
