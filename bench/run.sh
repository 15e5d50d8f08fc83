#!/usr/bin/env bash
# The benchmark: `bench/run.sh [--scale small|large] [--providers sqlite,postgresql]
# [--duration 10] [--repeat 3]`. Builds Release, seeds the data set, starts the app and the
# ceiling (bare Kestrel), drives each scenario with wrk on loopback and writes the medians to
# docs/benchmarks.md. Installs wrk (and PostgreSQL) from Debian when missing and root.
set -euo pipefail
cd "$(dirname "$0")/.."
need() { # command, Debian package
  command -v "$1" >/dev/null && return
  [ "$(id -u)" = 0 ] || { echo "$1 is missing: apt-get install $2" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
need wrk wrk
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need psql postgresql
exec python3 bench/bench.py "$@"
