/** `packageRoot()`: the installed package's folder (dist/, prisma/, .next/standalone). */
export { findPackageRoot as packageRoot, findPackageRoot } from "./find-package-root";
