#!/usr/bin/env bash
# Adds a migration with the same name to both providers' migration sets (ADR 0002).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: scripts/add-migration.sh <Name>" >&2; exit 2; }
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$1" --project src/SecureBase.Data --startup-project src/SecureBase.Data \
    --context "${provider}AppDbContext" --output-dir "$provider/Migrations"
done
