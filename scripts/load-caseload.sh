#!/usr/bin/env bash
# Measures the therapist's caseload page under load (issue 9): a Release build on SQLite, a demo practice
# whose therapist has 100 clients of up to three years (securebase demo --practice), the therapist signed
# in with a second factor, then wrk against /health (the baseline) and /Clients in one run, so the figures
# compare as a ratio. Both are warmed up first and the warm-up discarded: .NET compiles hot code again,
# optimised, during the first tens of seconds, and the figures are for a server that has been running.
# Usage: scripts/load-caseload.sh [seconds] [connections] [clients] [warm-up seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}; connections=${2:-8}; clients=${3:-100}; warm=${4:-30}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

work=$(mktemp -d /tmp/securebase-caseload.XXXXXX)
cleanup() { [ -n "${app:-}" ] && kill "$app" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
dotnet publish src/SecureBase.Web -c Release -o "$work/web" --nologo -v q >/dev/null
dotnet publish src/SecureBase.Cli -c Release -o "$work/cli" --nologo -v q >/dev/null
export SecureBase__DataDirectory="$work/data" SecureBase__KeyDirectory="$work/keys" Logging__LogLevel__Default=Warning
export RateLimits__AccountPostsPerMinute=1000

"$work/cli/securebase" demo --practice --clients "$clients" --years 3 >"$work/demo.txt"
email=$(grep -o 'email: *[^ ]*' "$work/demo.txt" | awk '{print $2}')
password=$(grep -o 'password: *[^ ]*' "$work/demo.txt" | awk '{print $2}')

port=$((20000 + RANDOM % 20000)); base="http://127.0.0.1:$port"
"$work/web/SecureBase.Web" --urls "$base" >"$work/app.log" 2>&1 & app=$!
for _ in $(seq 1 60); do curl -sf "$base/health" >/dev/null && break; sleep 0.5; done

# Sign in with the password, enrol an authenticator from the key the page shows, and keep the cookies.
jar="$work/cookies"
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | tail -1 | sed 's/.*value="//; s/"$//'; }
t=$(curl -s -c "$jar" -b "$jar" "$base/Accounts/SignIn" | token)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$t" --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$password" "$base/Accounts/SignIn"
enrol=$(curl -s -c "$jar" -b "$jar" "$base/Accounts/TwoFactor")
key=$(echo "$enrol" | grep -o '<code class="key">[^<]*' | sed 's/.*>//; s/ //g')
[ -n "$key" ] || { echo "no authenticator key shown"; exit 1; }
code=$(python3 -c "
import base64,hmac,hashlib,struct,time,sys
k=base64.b32decode(sys.argv[1].upper()+'='*(-len(sys.argv[1])%8)); c=int(time.time())//30
h=hmac.new(k,struct.pack('>Q',c),hashlib.sha1).digest(); o=h[-1]&15
print('%06d'%((struct.unpack('>I',h[o:o+4])[0]&0x7fffffff)%1000000))" "$key")
t=$(echo "$enrol" | token)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$t" --data-urlencode "Code=$code" "$base/Accounts/TwoFactor?handler=Enable"
status=$(curl -s -o "$work/caseload.html" -w '%{http_code}' -b "$jar" "$base/Clients")
[ "$status" = 200 ] || { echo "caseload answered $status"; tail -20 "$work/app.log"; exit 1; }
echo "== caseload: $(grep -c 'scope="row"' "$work/caseload.html") rows, $(grep -c '<tr class="attention">' "$work/caseload.html") needing attention, $(wc -c <"$work/caseload.html") bytes"
export SB_COOKIE=$(awk '!/^#/ && NF>=7 {printf "%s=%s; ", $6, $7}' "$jar"; awk '/^#HttpOnly_/ {sub("#HttpOnly_",""); printf "%s=%s; ", $6, $7}' "$jar")

run() { echo "== $1"; shift; wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" | grep -E 'Requests/sec|Non-2xx|Socket errors|  (50|99)%'; }
echo "== warming up for ${warm}s (not measured)"
wrk -t2 -c"$connections" -d"$((warm * 2 / 3))s" -H "Cookie: $SB_COOKIE" "$base/Clients" >/dev/null
wrk -t2 -c"$connections" -d"$((warm / 3))s" "$base/health" >/dev/null
run "GET /health (baseline)" "$base/health"
run "GET /Clients ($clients clients, three years)" -H "Cookie: $SB_COOKIE" "$base/Clients"
