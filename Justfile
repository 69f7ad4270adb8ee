# Framecast's tasks. `npx --yes rust-just <task>` works where just is not installed.

set shell := ["bash", "-euo", "pipefail", "-c"]

# List the tasks.
default:
    @just --list

# Install what a fresh Debian machine lacks (PostgreSQL, ffmpeg, npm tools, .NET packages); idempotent.
setup:
    scripts/setup.sh

# Start the whole local stack and serve the API on http://127.0.0.1:3000 (Ctrl-C stops it all).
dev: setup
    scripts/dev.sh

# Run every test against real PostgreSQL and S3 (arguments go to dotnet test, e.g. --filter Name).
test *ARGS: setup
    scripts/test.sh {{ARGS}}

# The framecast CLI against the local stack (or FRAMECAST_API_URL), e.g. `just cli login`, `just cli render examples/harbor.yaml`.
[positional-arguments]
cli *ARGS:
    @out=$(dotnet build src/Cli/Cli.csproj --nologo -v quiet 2>&1) || { echo "$out" >&2; exit 1; }
    @dotnet src/Cli/bin/Debug/net10.0/framecast.dll "$@"

# Apply the migrations in sql/ to DATABASE_URL (the dev database by default).
migrate: setup
    dotnet run --project src/Api -- migrate

# Build everything with warnings as errors.
build: setup
    dotnet build Framecast.sln --nologo -clp:ErrorsOnly

# Print a JWT for EMAIL for the local stack (an unknown email is provisioned as a starter on first use).
token EMAIL:
    scripts/accounts.sh token {{EMAIL}}

# Create a demo world (a creator with a team and credits, a starter) and print how to use it.
seed:
    scripts/accounts.sh seed

# Benchmark the running stack (`RATE_LIMIT_ENABLED=false just dev` in another terminal) beside pgbench and a bare endpoint.
bench: setup
    scripts/bench.sh

# Rewrite spec/openapi.json from the served document (after changing an endpoint).
openapi: setup
    UPDATE_OPENAPI=1 scripts/test.sh --filter FullyQualifiedName~OpenApiDocumentTests
