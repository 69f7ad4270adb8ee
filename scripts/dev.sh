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
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:$PG_PORT/framecast}"
export S3_ENDPOINT="${S3_ENDPOINT-http://127.0.0.1:$S3_PORT}"
export LOCAL_WORKER_URLS="${LOCAL_WORKER_URLS:-http://127.0.0.1:$WORKER_PORT}"
export RUNPOD_BASE_URL="${RUNPOD_BASE_URL:-http://127.0.0.1:$WORKER_PORT/v2}"

pids=()
cleanup() {
  trap - EXIT INT TERM
  # Finish the cleanup even if the terminal or a pipe reading our output is already gone.
  set +e
  trap '' PIPE
  log "stopping the local stack"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "${STARTED_PG:-}" ] && pg_stop "$LOCAL/pg"
  exit 0
}
trap cleanup EXIT INT TERM

log "building"
# Release: the stack you try and benchmark is the optimized one.
dotnet build Framecast.sln -c Release --verbosity quiet --nologo -clp:ErrorsOnly

if [[ "$DATABASE_URL" == *"127.0.0.1:$PG_PORT"* ]]; then
  STARTED_PG=1
  pg_start "$LOCAL/pg" "$PG_PORT"
  pg_ensure_db "$PG_PORT" framecast
fi

if [[ "$S3_ENDPOINT" == "http://127.0.0.1:$S3_PORT" ]]; then
  mkdir -p "$LOCAL/s3"
  log "starting s3rver on 127.0.0.1:$S3_PORT"
  node_modules/.bin/s3rver -d "$LOCAL/s3" -a 127.0.0.1 -p "$S3_PORT" --silent \
    --configure-bucket "${S3_BUCKET_OUTPUTS:-framecast-outputs}" scripts/s3-cors.xml --configure-bucket "${S3_BUCKET_SYSTEM:-framecast-system}" &
  pids+=($!)
  wait_for_port "$S3_PORT"
fi

if [[ "$RUNPOD_BASE_URL" == "http://127.0.0.1:$WORKER_PORT/v2" && -f src/LocalWorker/LocalWorker.csproj ]]; then
  log "starting the local worker on $LOCAL_WORKER_URLS"
  dotnet src/LocalWorker/bin/Release/net10.0/Framecast.LocalWorker.dll &
  pids+=($!)
  wait_for_port "$WORKER_PORT"
fi

# Room for ten thousand SSE followers per silo (the benchmark opens that many).
ulimit -n 65536 2>/dev/null || true

# SILOS=N starts N identical silos: silo i serves HTTP on 3000+i-1, talks to the other silos on
# 11111+i-1 and is a gateway on 30000+i-1. A silo that exits (evicted, crashed) is started again.
SILOS="${SILOS:-1}"
run_silo() {
  local i="$1" http=$((3000 + $1 - 1))
  while true; do
    log "starting silo $i: API on http://127.0.0.1:$http, silo port $((11111 + i - 1)), gateway $((30000 + i - 1))"
    ASPNETCORE_URLS="${ASPNETCORE_URLS_OVERRIDE:-http://127.0.0.1:$http}" ORLEANS_SILO_PORT=$((11111 + i - 1)) ORLEANS_GATEWAY_PORT=$((30000 + i - 1)) \
      dotnet src/Api/bin/Release/net10.0/Framecast.Api.dll &
    local child=$!
    trap 'kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0' TERM INT
    wait "$child" || true
    log "silo $i exited; restarting it in 1 s"
    sleep 1
  done
}
for i in $(seq 1 "$SILOS"); do
  run_silo "$i" &
  pids+=($!)
done
wait "${pids[-1]}"
