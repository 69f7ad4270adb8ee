#!/usr/bin/env bash
# Account dev helpers against the local stack's database (or DATABASE_URL):
#   scripts/accounts.sh token EMAIL   print a JWT for EMAIL (an unknown email becomes a starter on first use)
#   scripts/accounts.sh seed          create the demo world and print how to use it
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"
if [ -f .env ]; then dotenv_begin; set -a; source .env; set +a; eval "$dotenv_saved"; fi

PG_PORT="${DEV_PG_PORT:-5433}"
if [ -z "${DATABASE_URL:-}" ]; then
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/framecast"
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then
    echo "PostgreSQL is not running on 127.0.0.1:$PG_PORT: start the local stack with 'just dev' first (or set DATABASE_URL)." >&2
    exit 1
  fi
fi
# The helper runs a silo of its own that joins the stack's cluster for a moment (so each grain still has one
# activation): on ports clear of the stack's silos, and with no HTTP port of its own to speak of.
SILO_PORT="${DEV_SILO_PORT:-11111}" GATEWAY_PORT="${DEV_GATEWAY_PORT:-30000}"
export ORLEANS_SILO_PORT=$((SILO_PORT + 100)) ORLEANS_GATEWAY_PORT=$((GATEWAY_PORT + 100)) ASPNETCORE_URLS=http://127.0.0.1:0
export LOG_LEVEL="${ACCOUNTS_LOG_LEVEL:-Warning}" S3_CREATE_BUCKETS=false
exec dotnet run --project src/Api --no-launch-profile --verbosity quiet -- "$@"
