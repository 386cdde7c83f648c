#!/usr/bin/env bash
# Measures the server under load on this machine: a Release build on SQLite, a demo client with five
# years of data (issue 11), then wrk against /health (the baseline), the progress page and the quick-log
# POST, all in one run so the figures can be compared as ratios, after a warm-up that is not measured.
# Also: one /Progress request at a time (median server-side time of 20, as curl sees it) and its size.
# Usage: scripts/load-test.sh [seconds] [connections] [years]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}; connections=${2:-16}; years=${3:-5}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

work=$(mktemp -d /tmp/securebase-load.XXXXXX)
cleanup() { [ -n "${app:-}" ] && kill "$app" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
dotnet publish src/SecureBase.Web -c Release -o "$work/web" --nologo -v q >/dev/null
dotnet publish src/SecureBase.Cli -c Release -o "$work/cli" --nologo -v q >/dev/null
export SecureBase__DataDirectory="$work/data" SecureBase__KeyDirectory="$work/keys" Logging__LogLevel__Default=Warning

demo=$("$work/cli/securebase" demo --years "$years")
email=$(echo "$demo" | awk '/email:/ {print $2}'); password=$(echo "$demo" | awk '/password:/ {print $2}')
port=$((20000 + RANDOM % 20000)); base="http://127.0.0.1:$port"
"$work/web/SecureBase.Web" --urls "$base" >"$work/app.log" 2>&1 & app=$!
for _ in $(seq 1 60); do curl -sf "$base/health" >/dev/null && break; sleep 0.5; done

# Sign in as a browser would: anti-forgery cookie and token, then the session cookie.
page=$(curl -s -D "$work/h1" "$base/Accounts/SignIn")
af=$(grep -i '^set-cookie: securebase-af' "$work/h1" | sed 's/^[^:]*: //; s/;.*//' | tr -d '\r')
token=$(echo "$page" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -D "$work/h2" -H "Cookie: $af" --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$password" \
  --data-urlencode "__RequestVerificationToken=$token" "$base/Accounts/SignIn"
session=$(grep -i '^set-cookie: __Host-securebase=' "$work/h2" | sed 's/^[^:]*: //; s/;.*//' | tr -d '\r')
export SB_COOKIE="$af; $session"
export SB_TOKEN=$(curl -s -H "Cookie: $SB_COOKIE" "$base/Log" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | tail -1 | sed 's/.*value="//; s/"$//')
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $SB_COOKIE" "$base/Progress")" = 200 ] || { echo "sign-in failed"; cat "$work/app.log"; exit 1; }

run() { echo "== $1"; shift; wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" | grep -E 'Requests/sec|Non-2xx|Socket errors|  (50|99)%'; }
echo "== warming up for 20s (not measured)"
wrk -t2 -c"$connections" -d15s -s scripts/load/cookie.lua "$base/Progress" >/dev/null
wrk -t2 -c"$connections" -d5s "$base/health" >/dev/null
times=$(for _ in $(seq 1 20); do curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: $SB_COOKIE" "$base/Progress"; done | sort -n | sed -n 10p)
echo "== GET /Progress one at a time: median ${times}s, $(curl -s -H "Cookie: $SB_COOKIE" "$base/Progress" | wc -c) bytes of HTML"
run "GET /health (baseline)" "$base/health"
run "GET /Progress ($years years of data)" -s scripts/load/cookie.lua "$base/Progress"
run "POST /Log (quick entry)" -s scripts/load/quick-log.lua "$base/Log"
echo "== entries written by the POST run: $(sqlite3 "$work/data/securebase.db" 'select count(*) from ActivationEntries' 2>/dev/null || echo '?')"
