#!/usr/bin/env bash
# The whole local stack: PostgreSQL, an S3-compatible server, the local RunPod worker and the API
# on http://127.0.0.1:3000. Ctrl-C (or SIGTERM) stops everything this script started.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"
if [ -f .env ]; then dotenv_begin; set -a; source .env; set +a; eval "$dotenv_saved"; fi

PG_PORT="${DEV_PG_PORT:-5433}"
S3_PORT="${DEV_S3_PORT:-4569}"
WORKER_PORT="${DEV_WORKER_PORT:-8189}"
API_PORT="${DEV_API_PORT:-3000}"
SILO_PORT="${DEV_SILO_PORT:-11111}"
GATEWAY_PORT="${DEV_GATEWAY_PORT:-30000}"
DATA="$(realpath -m "${DEV_DATA_DIR:-$LOCAL}")"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:$PG_PORT/framecast}"
export S3_ENDPOINT="${S3_ENDPOINT-http://127.0.0.1:$S3_PORT}"
export LOCAL_WORKER_URLS="${LOCAL_WORKER_URLS:-http://127.0.0.1:$WORKER_PORT}"
export RUNPOD_BASE_URL="${RUNPOD_BASE_URL:-http://127.0.0.1:$WORKER_PORT/v2}"
# Local receivers (http://127.0.0.1:PORT) may be registered as webhooks on the dev stack, never by default.
export WEBHOOK_ALLOW_LOOPBACK_HTTP="${WEBHOOK_ALLOW_LOOPBACK_HTTP:-true}"

# What this script starts is recorded in $STATE/pids, and stopped by stop_stack: from the trap on any signal, or
# from a guard process in its own session when this script dies without running its trap (SIGKILL, a supervisor
# killing the process group). npm, just and the terminal may each deliver a signal: after the first one the others
# are ignored, so they cannot cut the stopping short and leave PostgreSQL running.
STATE="$DATA/dev"
rm -rf "$STATE" && mkdir -p "$STATE"
stop_stack() {
  touch "$STATE/stopping"
  stop_recorded "$STATE/pids"
  [ -f "$STATE/pg" ] && pg_stop "$DATA/pg"
  rm -rf "$STATE"
}
cleanup() {
  trap '' INT TERM HUP PIPE
  trap - EXIT
  set +e
  log "stopping the local stack"
  stop_stack
  exit 0
}
trap cleanup EXIT INT TERM HUP
setsid bash -c 'source "$1"; DATA="$2"; STATE="$3"; '"$(declare -f stop_stack)"'
  while kill -0 "$4" 2>/dev/null; do sleep 1; done
  [ -d "$STATE" ] && stop_stack' guard "$ROOT/scripts/lib/common.sh" "$DATA" "$STATE" "$$" </dev/null >/dev/null 2>&1 &

log "building"
# Release: the stack you try and benchmark is the optimized one.
dotnet build Framecast.sln -c Release --verbosity quiet --nologo -clp:ErrorsOnly

if [[ "$DATABASE_URL" == *"127.0.0.1:$PG_PORT"* ]]; then
  touch "$STATE/pg"
  pg_start "$DATA/pg" "$PG_PORT"
  pg_ensure_db "$PG_PORT" framecast
fi

if [[ "$S3_ENDPOINT" == "http://127.0.0.1:$S3_PORT" ]]; then
  mkdir -p "$DATA/s3"
  log "starting s3rver on 127.0.0.1:$S3_PORT"
  node_modules/.bin/s3rver -d "$DATA/s3" -a 127.0.0.1 -p "$S3_PORT" --silent \
    --configure-bucket "${S3_BUCKET_OUTPUTS:-framecast-outputs}" scripts/s3-cors.xml --configure-bucket "${S3_BUCKET_SYSTEM:-framecast-system}" &
  record_pid "$STATE/pids" $!
  wait_for_port "$S3_PORT"
fi

if [[ "$RUNPOD_BASE_URL" == "http://127.0.0.1:$WORKER_PORT/v2" && -f src/LocalWorker/LocalWorker.csproj ]]; then
  log "starting the local worker on $LOCAL_WORKER_URLS"
  dotnet src/LocalWorker/bin/Release/net10.0/Framecast.LocalWorker.dll &
  record_pid "$STATE/pids" $!
  wait_for_port "$WORKER_PORT"
fi

# Room for ten thousand SSE followers per silo (the benchmark opens that many).
ulimit -n 65536 2>/dev/null || true

# SILOS=N starts N identical silos: silo i serves HTTP on 3000+i-1, talks to the other silos on
# 11111+i-1 and is a gateway on 30000+i-1 (DEV_API_PORT, DEV_SILO_PORT and DEV_GATEWAY_PORT move the bases).
# A silo that exits (evicted, crashed) is started again.
SILOS="${SILOS:-1}"
run_silo() {
  local i="$1" http=$((API_PORT + $1 - 1))
  while [ ! -f "$STATE/stopping" ]; do
    log "starting silo $i: API on http://127.0.0.1:$http, silo port $((SILO_PORT + i - 1)), gateway $((GATEWAY_PORT + i - 1))"
    ASPNETCORE_URLS="${ASPNETCORE_URLS_OVERRIDE:-http://127.0.0.1:$http}" ORLEANS_SILO_PORT=$((SILO_PORT + i - 1)) ORLEANS_GATEWAY_PORT=$((GATEWAY_PORT + i - 1)) \
      dotnet src/Api/bin/Release/net10.0/Framecast.Api.dll &
    local child=$!
    record_pid "$STATE/pids" "$child"
    trap 'kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0' TERM INT HUP
    wait "$child" || true
    [ -f "$STATE/stopping" ] && break
    log "silo $i exited; restarting it in 1 s"
    sleep 1
  done
}
for i in $(seq 1 "$SILOS"); do
  run_silo "$i" &
  record_pid "$STATE/pids" $!
  last=$!
done
wait "$last"
