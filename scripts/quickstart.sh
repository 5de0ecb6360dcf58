#!/usr/bin/env bash
# `npm run quickstart`: install, build, and run the product against local Postgres/Redis.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/ensure-services.sh
[ -d node_modules ] || npm ci
npm run --silent build
exec node bin/community-engine.js up "$@"
