#!/usr/bin/env bash
# The browser test drives Debian's Chromium (playwright's own browser download can't work offline).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "Chromium is missing: install it (apt-get install chromium) or set CHROMIUM_PATH; the browser test will be skipped." >&2
fi
