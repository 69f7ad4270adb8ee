#!/usr/bin/env bash
# The benchmark (not a test) against the running local stack: job admissions, admit-then-cancel cycles,
# job reads and SSE fan-out, each beside pgbench's TPC-B on the same PostgreSQL and a bare endpoint of the
# same API, measured in the same run. Settings (BENCH_*, DATABASE_URL, …) are in README.md § Benchmark.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"
if [ -f .env ]; then dotenv_begin; set -a; source .env; set +a; eval "$dotenv_saved"; fi

api="${BENCH_API_URL:-http://127.0.0.1:3000}"
# (The tool checks again, with the same hint, where curl is missing.)
if command -v curl >/dev/null && ! curl -fsS -o /dev/null --max-time 5 "$api/v1/health"; then
  log "the API does not answer at $api/v1/health"
  echo "Start the stack in another terminal, with rate limits off so they are not what gets measured:" >&2
  echo "  RATE_LIMIT_ENABLED=false just dev" >&2
  exit 1
fi

# Ten thousand SSE subscribers need as many sockets (the API gets the same from `just dev`).
ulimit -n 65536 2>/dev/null || true
dotnet run -c Release --project tools/Bench
