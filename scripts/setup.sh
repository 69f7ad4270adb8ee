#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks; fast when nothing is missing.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"

missing=()
pg_bindir >/dev/null 2>&1 || missing+=(postgresql)
command -v psql >/dev/null || missing+=(postgresql-client)
command -v ffmpeg >/dev/null || missing+=(ffmpeg)
command -v tmux >/dev/null || missing+=(tmux)
# The dashboard's browser test drives Debian's headless Chromium (playwright-core never downloads one).
command -v chromium >/dev/null || missing+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The Debian package starts a cluster of its own on 5432; the project runs its own clusters.

if [ ! -x node_modules/.bin/s3rver ] || [ ! -x node_modules/.bin/just ] || [ package.json -nt node_modules/.package-lock.json ]; then
  log "installing npm tools"
  npm install --no-audit --no-fund --loglevel=error
fi

stamp="$LOCAL/restore.stamp"
if [ ! -f "$stamp" ] || [ -n "$(find . -name '*.csproj' -newer "$stamp" -o -name 'Directory.Build.props' -newer "$stamp" | grep -v node_modules | head -1)" ]; then
  log "restoring .NET packages"
  dotnet restore Framecast.sln --verbosity quiet
  mkdir -p "$LOCAL" && touch "$stamp"
fi
