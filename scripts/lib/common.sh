# Shared by the scripts: where things are, and how to run PostgreSQL as a non-root user.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL="$ROOT/.local"

log() { printf '\033[1;34m[framecast]\033[0m %s\n' "$*" >&2; }

pg_bindir() {
  local dir
  for dir in "$(pg_config --bindir 2>/dev/null)" /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  echo "PostgreSQL server binaries not found; run 'just setup'" >&2
  return 1
}

# PostgreSQL refuses to run as root: run its tools as the postgres user when we are root.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_start DATADIR PORT — initialise (once) and start a cluster on loopback; idempotent.
pg_start() {
  local data="$1" port="$2" bin
  bin="$(pg_bindir)"
  mkdir -p "$data"
  [ "$(id -u)" = 0 ] && chown postgres "$data" && chmod 700 "$data"
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initialising PostgreSQL in $data"
    as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  if as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    return 0
  fi
  log "starting PostgreSQL on 127.0.0.1:$port"
  as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=400 ${PG_EXTRA_OPTS:-}" start >/dev/null
}

pg_stop() {
  local data="$1" bin
  bin="$(pg_bindir)"
  if as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "stopping PostgreSQL in $data"
    as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null || true
  fi
}

# pg_ensure_db PORT NAME
pg_ensure_db() {
  local port="$1" name="$2"
  psql -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1 ||
    psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE $name" >/dev/null
}

wait_for_port() {
  local port="$1" tries=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    tries=$((tries + 1)); [ "$tries" -gt 300 ] && { echo "port $port never opened" >&2; return 1; }
    sleep 0.1
  done
}

# .env under whatever the command line already set (RATE_LIMIT_ENABLED=false just dev must win over the file):
# dotenv_begin saves the environment, the script sources .env, then evals "$dotenv_saved" at its top level (a
# function would make the restored variables local).
dotenv_saved=""
dotenv_begin() { dotenv_saved="$(export -p | grep -v '^declare -[a-zA-Z]*r')"; }

# Processes a script starts are recorded as "PID START" lines (START: the kernel's start time of the process, field
# 22 of /proc/PID/stat), so that stopping them later never signals an unrelated process that reused a PID.
proc_start() { cut -d' ' -f22 "/proc/$1/stat" 2>/dev/null; }

record_pid() { echo "$2 $(proc_start "$2")" >> "$1"; }

# stop_recorded FILE — SIGTERM every recorded process still alive, give them 20 s to finish, SIGKILL the rest.
stop_recorded() {
  local file="$1" pid start alive tries=0
  [ -f "$file" ] || return 0
  while read -r pid start; do
    [ "$(proc_start "$pid")" = "$start" ] && kill -TERM "$pid" 2>/dev/null
  done < "$file"
  while :; do
    alive=0
    while read -r pid start; do
      [ "$(proc_start "$pid")" = "$start" ] && alive=1
    done < "$file"
    [ "$alive" = 0 ] && break
    tries=$((tries + 1))
    if [ "$tries" -gt 200 ]; then
      while read -r pid start; do
        [ "$(proc_start "$pid")" = "$start" ] && kill -KILL "$pid" 2>/dev/null
      done < "$file"
      break
    fi
    sleep 0.1
  done
  return 0
}
