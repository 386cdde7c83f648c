#!/usr/bin/env bash
# G18 under load (issue 12): a Release build, USERS demo clients of three years each, then USERS virtual
# users for SECONDS (70% reads, 25% writes, 5% sign-ins, think time; scripts/load-mixed.mjs).
# SQLite by default; with SECUREBASE_LOAD_POSTGRES="host=H port=P user=U" (libpq words, a user that may
# create databases; the password, if any, in PGPASSWORD) on a fresh database of that server, dropped after.
# Usage: scripts/load-mixed.sh [seconds=600] [users=100]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}; users=${2:-100}
work=$(mktemp -d /tmp/securebase-load.XXXXXX)
database=""
cleanup() {
  [ -n "${app:-}" ] && kill "$app" 2>/dev/null; wait 2>/dev/null || true
  if [ -n "$database" ]; then psql "${SECUREBASE_LOAD_POSTGRES} dbname=postgres" -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
dotnet publish src/SecureBase.Web -c Release -o "$work/web" --nologo -v q >/dev/null
dotnet publish src/SecureBase.Cli -c Release -o "$work/cli" --nologo -v q >/dev/null
export SecureBase__DataDirectory="$work/data" SecureBase__KeyDirectory="$work/keys" Logging__LogLevel__Default=Warning
export RateLimits__AccountPostsPerMinute=1000000   # every virtual user signs in from this one address
if [ -n "${SECUREBASE_LOAD_POSTGRES:-}" ]; then
  database="sb_load_$RANDOM$RANDOM"
  psql "${SECUREBASE_LOAD_POSTGRES} dbname=postgres" -qc "CREATE DATABASE $database" >/dev/null
  word() { echo "$SECUREBASE_LOAD_POSTGRES" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  export Database__Provider=Postgres ConnectionStrings__SecureBase="Host=$(word host);Port=$(word port);Username=$(word user);Password=${PGPASSWORD:-};Database=$database;Maximum Pool Size=100"
  echo "== PostgreSQL database $database"
else
  echo "== SQLite in $work/data"
fi
echo "== creating $users clients with three years of data each"
"$work/cli/securebase" demo --years 3 --count "$users" | awk '/email:/ {e=$2} /password:/ {print e, $2}' >"$work/users.txt"
port=$((20000 + RANDOM % 20000)); base="http://127.0.0.1:$port"
"$work/web/SecureBase.Web" --urls "$base" >"$work/app.log" 2>&1 & app=$!
for _ in $(seq 1 60); do curl -sf "$base/health" >/dev/null && break; sleep 0.5; done
echo "== $users virtual users for $seconds s"
node scripts/load-mixed.mjs "$base" "$work/users.txt" "$seconds" "$app"
echo "== server errors logged: $(grep -c 'fail:' "$work/app.log" || true)"
