#!/usr/bin/env bash
# Prints the SQL that creates prisma/schema.prisma from an empty database (no engine download).
#
# Prisma 7's `migrate` needs a downloaded schema engine; prisma@6.19.3's `migrate diff` runs on
# the JS (wasm) engine through the pg driver adapter (scripts/prisma6/prisma.config.ts).
# Quirks handled here:
#   - Prisma 6 wants `url = env("DATABASE_URL")` in the datasource and the old generator name,
#     so it runs on an adjusted copy of the schema in the cache folder;
#   - prisma@6 is not a dependency of ours: it is installed into node_modules/.cache/prisma6
#     (or $PRISMA6_CACHE_DIR) on first use, which needs the npm registry once;
#   - even `--from-empty --to-schema-datamodel` opens a connection through the adapter (a
#     validity check: `SELECT EXISTS(... pg_namespace), version()`), so DATABASE_URL must point
#     to a reachable PostgreSQL (default: the local one). Nothing is written to it.
#
#   npm run migrations:check                              # print the SQL
#   scripts/migration-diff.sh > /tmp/full.sql             # then diff against prisma/migrations
# New migration: write prisma/migrations/<UTC yyyymmddHHMMSS>_<name>/migration.sql by hand from
# the difference (hand-written SQL goes in a `_manual` folder); the drift test (lib/migrations/run-migrations.test.ts)
# checks that the migrations still build exactly this schema plus the `_manual` ones.
set -euo pipefail

PRISMA6_VERSION="6.19.3"
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${PRISMA6_CACHE_DIR:-$root/node_modules/.cache/prisma6}"
cli="$cache/node_modules/prisma/build/index.js"

installed() {
  [ -f "$cli" ] && [ -f "$cache/node_modules/@prisma/adapter-pg/package.json" ] &&
    [ "$(node -p "require(process.argv[1]).version" "$cache/node_modules/prisma/package.json" 2>/dev/null)" = "$PRISMA6_VERSION" ]
}

if ! installed; then
  mkdir -p "$cache"
  # Parallel test files may call this at once: install only once.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$cache/.install.lock"
    flock 9
  fi
  if ! installed; then
    echo "migration-diff: installing prisma@$PRISMA6_VERSION into $cache (first run only)..." >&2
    [ -f "$cache/package.json" ] || echo '{"name":"prisma6-cache","private":true}' >"$cache/package.json"
    npm install --prefix "$cache" --no-audit --no-fund --no-save --loglevel=error \
      "prisma@$PRISMA6_VERSION" "@prisma/adapter-pg@$PRISMA6_VERSION" >&2
  fi
fi

work="$(mktemp -d "$cache/run.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp "$root/scripts/prisma6/prisma.config.ts" "$work/prisma.config.ts"
# Prisma 6: url in the datasource; `prisma-client-js` without the Prisma 7 generator options.
sed -e 's/^\(  provider = "postgresql"\)$/\1\n  url      = env("DATABASE_URL")/' \
    -e 's/provider     = "prisma-client"$/provider     = "prisma-client-js"/' \
    -e '/^  output       =/d' -e '/^  moduleFormat =/d' \
    "$root/prisma/schema.prisma" >"$work/schema.prisma"
grep -q 'url      = env("DATABASE_URL")' "$work/schema.prisma" || {
  echo "migration-diff: could not inject the datasource url (did the datasource block change?)" >&2
  exit 1
}

# The config's imports resolve from $cache/node_modules (Node walks up from $work).
cd "$work"
status=0
DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}" \
PRISMA_QUERY_ENGINE_LIBRARY=/bin/false PRISMA_SCHEMA_ENGINE_BINARY=/bin/false \
PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1 \
  node "$cli" migrate diff --config prisma.config.ts --from-empty --to-schema-datamodel schema.prisma --script \
  >"$work/out.sql" 2>"$work/err.log" || status=$?
if [ "$status" -ne 0 ] || [ ! -s "$work/out.sql" ]; then
  echo "migration-diff: prisma@$PRISMA6_VERSION migrate diff failed (exit $status):" >&2
  cat "$work/err.log" >&2
  exit 1
fi
cat "$work/out.sql"
