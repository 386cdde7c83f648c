#!/usr/bin/env bash
# Measures a calendar feed under load (issue 10): a Release build on SQLite, a demo practice whose
# therapist has 30 weekly clients of up to two years (securebase demo --practice), a feed address for the
# therapist, then wrk against /health (the baseline), the feed, and the feed with If-None-Match (what a
# polling calendar app sends), in one run so the figures compare as ratios. Warm-up first, discarded.
# Usage: scripts/load-feed.sh [seconds] [connections] [clients] [warm-up seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}; connections=${2:-8}; clients=${3:-30}; warm=${4:-20}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

work=$(mktemp -d /tmp/securebase-feed.XXXXXX)
cleanup() { [ -n "${app:-}" ] && kill "$app" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
dotnet publish src/SecureBase.Web -c Release -o "$work/web" --nologo -v q >/dev/null
dotnet publish src/SecureBase.Cli -c Release -o "$work/cli" --nologo -v q >/dev/null
export SecureBase__DataDirectory="$work/data" SecureBase__KeyDirectory="$work/keys" Logging__LogLevel__Default=Warning

"$work/cli/securebase" demo --practice --clients "$clients" --years 2 >"$work/demo.txt"
email=$(grep -o 'email: *[^ ]*' "$work/demo.txt" | awk '{print $2}')

# The feed row as the Calendar page makes it (only the token's SHA-256 is stored).
token=$(python3 -c "import secrets; print(secrets.token_urlsafe(32))")
python3 - "$work/data/securebase.db" "$email" "$token" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
(user,) = db.execute("select Id from AspNetUsers where Email = ?", (sys.argv[2],)).fetchone()
db.execute("insert into CalendarFeeds (UserId, TokenHash, CreatedAt) values (?, ?, 0)", (user, hashlib.sha256(sys.argv[3].encode()).digest()))
db.commit()
print("== series:", db.execute("select count(*) from StandingSeries where TherapistId = ?", (user,)).fetchone()[0],
      "· moved or cancelled occurrences:", db.execute("select count(*) from OccurrenceChanges c join StandingSeries s on s.Id = c.SeriesId where s.TherapistId = ? and (c.Cancelled or c.MovedToDate is not null)", (user,)).fetchone()[0])
PY

port=$((20000 + RANDOM % 20000)); base="http://127.0.0.1:$port"
"$work/web/SecureBase.Web" --urls "$base" >"$work/app.log" 2>&1 & app=$!
for _ in $(seq 1 60); do curl -sf "$base/health" >/dev/null && break; sleep 0.5; done
feed="$base/calendar/$token.ics"
status=$(curl -s -D "$work/headers" -o "$work/feed.ics" -w '%{http_code}' "$feed")
[ "$status" = 200 ] || { echo "the feed answered $status"; tail -20 "$work/app.log"; exit 1; }
etag=$(grep -i '^etag:' "$work/headers" | sed 's/^[^:]*: *//; s/\r$//')
echo "== feed: $(grep -c 'BEGIN:VEVENT' "$work/feed.ics") events, $(wc -c <"$work/feed.ics") bytes, ETag $etag"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$feed")" = 304 ] || { echo "no 304 for the current ETag"; exit 1; }

run() { echo "== $1"; shift; wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" | grep -E 'Requests/sec|Non-2xx|Socket errors|  (50|99)%'; }
echo "== warming up for ${warm}s (not measured)"
wrk -t2 -c"$connections" -d"$((warm / 2))s" "$feed" >/dev/null
wrk -t2 -c"$connections" -d"$((warm / 2))s" "$base/health" >/dev/null
run "GET /health (baseline)" "$base/health"
run "GET the feed (no conditional request)" "$feed"
run "GET the feed with If-None-Match (304)" -H "If-None-Match: $etag" "$feed"
