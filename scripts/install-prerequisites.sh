#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian 12 machine, and nothing when it is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
[ -x /usr/bin/chromium ] || need+=(chromium)          # browser tests drive Debian's Chromium
command -v node >/dev/null && command -v npm >/dev/null || need+=(nodejs npm)   # ical.js checks our calendars independently
command -v clang >/dev/null || need+=(clang)          # Native AOT links securebase-score with it (ADR 0027)
[ -f /usr/include/zlib.h ] || need+=(zlib1g-dev)      # … and against zlib
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "Please install: ${need[*]} (apt-get, as root)" >&2; exit 1; fi
  echo "Installing ${need[*]} …"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
dotnet tool restore >/dev/null
# Mozilla's ical.js, pinned by the lock file: the tests' independent iCalendar parser
[ -d tests/calendar-parser/node_modules/ical.js ] || npm ci --prefix tests/calendar-parser --no-audit --no-fund --silent
