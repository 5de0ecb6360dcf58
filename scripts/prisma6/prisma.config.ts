// Used only by scripts/migration-diff.sh: Prisma 6's `migrate diff` runs offline with the
// JS engine and the pg adapter (no engine download). It never touches a database for
// `--from-empty --to-schema-datamodel`.
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" }),
});
