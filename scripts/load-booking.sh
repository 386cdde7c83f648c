#!/usr/bin/env bash
# Measures the public booking page under load on this machine: a Release build on SQLite, one practice
# whose therapist offers weekdays 09:00-17:00 with one weekly client, then wrk against /health (the
# baseline), the public slot page and the booking POST (an unconfirmed request and its email), in one
# run so the figures compare as ratios. Usage: scripts/load-booking.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}; connections=${2:-16}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }

work=$(mktemp -d /tmp/securebase-load.XXXXXX)
cleanup() { [ -n "${app:-}" ] && kill "$app" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
dotnet publish src/SecureBase.Web -c Release -o "$work/web" --nologo -v q >/dev/null
dotnet publish src/SecureBase.Cli -c Release -o "$work/cli" --nologo -v q >/dev/null
export SecureBase__DataDirectory="$work/data" SecureBase__KeyDirectory="$work/keys" Logging__LogLevel__Default=Warning
# The limit per address would turn the POST run into 429s after ten; the run measures the work, not the limit.
export RateLimits__BookingPostsPerHour=100000000

echo "correct horse battery staple" | "$work/cli/securebase" setup --practice "Load Practice" --time-zone Europe/Berlin --email load@example.org >/dev/null
db="$work/data/securebase.db"
practice=$(sqlite3 "$db" "select Id from Practices limit 1")
therapist=$(sqlite3 "$db" "select Id from AspNetUsers where Email = 'load@example.org'")
sqlite3 "$db" "update Practices set Handle = 'load' where Id = '$practice';
  insert into BookingProfiles (PracticeId, TherapistId, Handle, DisplayName, PublicPage, TimeZoneId, SessionMinutes, BufferMinutes, NoticeHours, HorizonWeeks, HoldHours)
    values ('$practice', '$therapist', 'dr-load', 'Dr Load', 1, 'Europe/Berlin', 50, 10, 24, 8, 48);"
for day in 1 2 3 4 5; do
  sqlite3 "$db" "insert into WorkingHours (Id, PracticeId, TherapistId, Day, \"From\", \"To\") values (lower(hex(randomblob(16))), '$practice', '$therapist', $day, '09:00:00', '17:00:00');"
done

port=$((20000 + RANDOM % 20000)); base="http://127.0.0.1:$port"
"$work/web/SecureBase.Web" --urls "$base" >"$work/app.log" 2>&1 & app=$!
for _ in $(seq 1 60); do curl -sf "$base/health" >/dev/null && break; sleep 0.5; done

page="$base/book/load/dr-load"
slot=$(curl -s "$page?zone=Europe%2FBerlin&week=1" | grep -o 'slot=[0-9]*' | head -1 | cut -d= -f2)
[ -n "$slot" ] || { echo "no slot offered"; cat "$work/app.log"; exit 1; }
form=$(curl -s -D "$work/h1" "$page?zone=Europe%2FBerlin&slot=$slot")
export SB_COOKIE=$(grep -i '^set-cookie: securebase-af' "$work/h1" | sed 's/^[^:]*: //; s/;.*//' | tr -d '\r')
export SB_TOKEN=$(echo "$form" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | tail -1 | sed 's/.*value="//; s/"$//')
export SB_SLOT=$slot

run() { echo "== $1"; shift; wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" | grep -E 'Requests/sec|Non-2xx|Socket errors|  (50|99)%'; }
run "GET /health (baseline)" "$base/health"
run "GET /book/load/dr-load (a week of free slots)" "$page?zone=America%2FNew_York&week=1"
run "POST /book/load/dr-load (a request, its email)" -s scripts/load/booking.lua "$page"
echo "== requests stored by the POST run: $(sqlite3 "$db" 'select count(*) from BookingRequests')"
