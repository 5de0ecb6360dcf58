#!/usr/bin/env bash
# `npm test`: builds what the tests run against (Prisma client, Next standalone server, CLI
# bundle), makes sure Postgres/Redis answer, then runs every test file (each on its own DB).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/ensure-services.sh
bash scripts/ensure-chromium.sh || true
npm run --silent build
npx vitest run "$@"
