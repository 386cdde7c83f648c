#!/usr/bin/env bash
# Fails when the model has changes that no migration captures, for either provider.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/SecureBase.Data --nologo -v q >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations has-pending-model-changes --project src/SecureBase.Data --startup-project src/SecureBase.Data \
    --context "${provider}AppDbContext" --no-build
done
