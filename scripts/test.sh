#!/usr/bin/env bash
# Every test, against a real PostgreSQL this script starts on a free port (unless DATABASE_URL is
# set) and an s3rver the tests start themselves (unless S3_ENDPOINT is set). Extra arguments go to
# `dotnet test` (e.g. --filter).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"

if [ -z "${DATABASE_URL:-}" ]; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55433)
  data="$LOCAL/test-pg"
  rm -rf "$data"
  PG_EXTRA_OPTS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off" pg_start "$data" "$port"
  export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
fi

if [ -z "${S3_ENDPOINT:-}" ]; then
  s3port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 54569)
  rm -rf "$LOCAL/test-s3" && mkdir -p "$LOCAL/test-s3"
  node_modules/.bin/s3rver -d "$LOCAL/test-s3" -a 127.0.0.1 -p "$s3port" --silent --configure-bucket framecast-outputs scripts/s3-cors.xml &
  s3pid=$!
  wait_for_port "$s3port"
  export S3_ENDPOINT="http://127.0.0.1:$s3port"
fi
cleanup() {
  [ -n "${s3pid:-}" ] && kill "$s3pid" 2>/dev/null
  [ -n "${data:-}" ] && pg_stop "$data" && rm -rf "$data"
  return 0
}
trap cleanup EXIT

dotnet build Framecast.sln --verbosity quiet --nologo -clp:ErrorsOnly
results="$LOCAL/test-results"
rm -rf "$results"
status=0
# One test project at a time: the cluster tests measure heartbeats and reloads in seconds, and four
# suites at once on a small machine starve them.
dotnet test Framecast.sln --no-build --nologo -m:1 --logger "console;verbosity=minimal" --logger trx --results-directory "$results" "$@" || status=$?

# One closing line over all test assemblies, from their TRX reports.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); passed=$((passed + ${p:-0}))
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters"); failed=$((failed + ${f:-0}))
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters"); skipped=$((skipped + ${n:-0}))
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test ran" >&2
  status=1
fi
exit "$status"
