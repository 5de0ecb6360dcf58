#!/usr/bin/env bash
# Prints the SQL that creates prisma/schema.prisma from an empty database, offline.
# Prisma 7's migrate needs a downloaded schema engine; prisma@6.19.3's `migrate diff` runs with
# the JS engine + pg adapter. Prisma 6 wants `url` in the datasource and the old generator
# name, so it runs on an adjusted copy of the schema in a cache folder.
#   npm run migrations:check              # print the SQL
#   scripts/migration-diff.sh > new.sql   # e.g. to start a new migration (diff it by hand)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="$root/node_modules/.cache/prisma6"
if [ ! -x "$cache/node_modules/.bin/prisma" ]; then
  mkdir -p "$cache"
  (cd "$cache" && [ -f package.json ] || echo '{"name":"prisma6-cache","private":true}' > package.json)
  npm install --prefix "$cache" --no-audit --no-fund --silent prisma@6.19.3 @prisma/adapter-pg@6.19.3 pg >&2
fi
cp "$root/scripts/prisma6/prisma.config.ts" "$cache/prisma.config.ts"
sed -e 's/^\(  provider = "postgresql"\)$/\1\n  url      = env("DATABASE_URL")/' \
    -e 's/provider     = "prisma-client"/provider     = "prisma-client-js"/' \
    -e '/^  output       =/d' -e '/^  moduleFormat =/d' \
    "$root/prisma/schema.prisma" > "$cache/schema.prisma"
cd "$cache"
DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}" \
PRISMA_QUERY_ENGINE_LIBRARY=/bin/false PRISMA_SCHEMA_ENGINE_BINARY=/bin/false \
PRISMA_HIDE_UPDATE_MESSAGE=1 \
  ./node_modules/.bin/prisma migrate diff --from-empty --to-schema-datamodel schema.prisma --script 2>/dev/null
