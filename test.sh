#!/usr/bin/env bash
# The one test command. Builds with warnings as errors, checks formatting, then runs the
# whole test suite twice: on SQLite, and on a real PostgreSQL server that this script
# starts on a loopback port and throws away afterwards; once more on SQLite with the app's
# clock a year ahead (WHUFFIE_TEST_CLOCK_SHIFT); then the browser tests once, in
# Debian's chromium against the app on SQLite; then the scale-out tests: two app processes on
# one PostgreSQL database behind Debian's nginx. The mail tests send to Debian's python3-aiosmtpd;
# the notice feed tests parse with Debian's python3-feedparser. The OpenAPI document is linted with
# npm's @redocly/cli, and the browser tests' pages are checked with the Nu Html Checker on Debian's Java.
# Installs what is missing when run as root (Debian), fails loudly otherwise. Prints each
# suite's time and the 10 slowest tests, and ends with one line: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
WORK=$(mktemp -d /tmp/whuffie-test.XXXXXX)
PG_BIN=""
PG_DATA="$WORK/pg"

say() { printf '\n== %s\n' "$*"; }
die() { printf '\nFAILED: %s\n' "$*" >&2; exit 1; }

cleanup() {
  if [ -n "$PG_BIN" ] && [ -f "$PG_DATA/postmaster.pid" ]; then as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

apt_install() {
  [ "$(id -u)" = 0 ] || die "$1 is missing; install Debian's '$2' package (apt-get install $2) or run as root."
  say "installing $2"
  if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq >/dev/null; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null || die "apt-get install $2 failed."
}

# initdb and postgres refuse to run as root; as root, run them as Debian's postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

command -v dotnet >/dev/null || die "the .NET 10 SDK (dotnet) is not on PATH."

find_pg() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
PG_BIN=$(find_pg)
[ -n "$PG_BIN" ] || { apt_install "PostgreSQL" postgresql; PG_BIN=$(find_pg); }
[ -x "$PG_BIN/initdb" ] || die "PostgreSQL's initdb was not found under /usr/lib/postgresql."
if [ "$(id -u)" = 0 ]; then id postgres >/dev/null 2>&1 || die "the 'postgres' user is missing; reinstall Debian's postgresql package."; fi

# Playwright drives this browser through ExecutablePath; it must never download one of its own.
CHROMIUM=${WHUFFIE_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  [ -z "${WHUFFIE_CHROMIUM:-}" ] || die "WHUFFIE_CHROMIUM is set to $CHROMIUM, which is not an executable."
  apt_install "Chromium" chromium
  [ -x "$CHROMIUM" ] || die "apt-get installed chromium, but $CHROMIUM is still missing."
fi

# The scale-out tests start this nginx themselves, as a child process on a loopback port.
NGINX=${WHUFFIE_NGINX:-/usr/sbin/nginx}
if [ ! -x "$NGINX" ]; then
  [ -z "${WHUFFIE_NGINX:-}" ] || die "WHUFFIE_NGINX is set to $NGINX, which is not an executable."
  apt_install "nginx" nginx
  [ -x "$NGINX" ] || die "apt-get installed nginx, but $NGINX is still missing."
  # Where services may start, the package starts its default site on port 80; this run needs only its own.
  invoke-rc.d nginx stop >/dev/null 2>&1 || true
fi

# The mail tests start an SMTP server on Debian's python3-aiosmtpd. It needs Debian's python3:
# a pyenv or venv python3 earlier on PATH does not see Debian's packages.
export WHUFFIE_PYTHON=${WHUFFIE_PYTHON:-/usr/bin/python3}
if ! "$WHUFFIE_PYTHON" -c 'import aiosmtpd' 2>/dev/null; then
  apt_install "aiosmtpd (the mail tests' SMTP server)" python3-aiosmtpd
  "$WHUFFIE_PYTHON" -c 'import aiosmtpd' 2>/dev/null \
    || die "apt-get installed python3-aiosmtpd, but $WHUFFIE_PYTHON cannot import aiosmtpd; set WHUFFIE_PYTHON to Debian's python3."
fi

# The notice feed tests read the Atom feeds with Debian's python3-feedparser, a real feed parser.
if ! "$WHUFFIE_PYTHON" -c 'import feedparser' 2>/dev/null; then
  apt_install "feedparser (the feed tests' Atom parser)" python3-feedparser
  "$WHUFFIE_PYTHON" -c 'import feedparser' 2>/dev/null \
    || die "apt-get installed python3-feedparser, but $WHUFFIE_PYTHON cannot import feedparser; set WHUFFIE_PYTHON to Debian's python3."
fi

# The Web Push tests send to npm's web-push-testing, a push service emulator that checks VAPID and
# decrypts, installed from tests/webpush's lock file (npm fetches only the package, no binaries).
if [ ! -x tests/webpush/node_modules/.bin/web-push-testing ]; then
  command -v npm >/dev/null || apt_install "npm (for the Web Push tests' push service emulator)" npm
  (cd tests/webpush && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
    || die "npm ci in tests/webpush failed: the Web Push tests need npm's web-push-testing."
fi
export WHUFFIE_WEB_PUSH_TESTING="$ROOT/tests/webpush/node_modules/.bin/web-push-testing"

# The field's own checkers, from tests/checkers' lock file: Redocly's CLI lints the OpenAPI document
# (OpenApiDocument.cs), the Nu Html Checker (vnu.jar) reads every page of the accessibility sweep.
# Its .npmrc keeps vnu-jar's install script from downloading a Java; the jar runs on Debian's.
if ! command -v java >/dev/null || ! java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])'; then
  apt_install "Java 17 or later (for the Nu Html Checker)" default-jre-headless
  command -v java >/dev/null || die "apt-get installed default-jre-headless, but java is still not on PATH."
fi
if [ ! -f tests/checkers/node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -f tests/checkers/node_modules/@redocly/cli/bin/cli.js ]; then
  command -v npm >/dev/null || apt_install "npm (for the OpenAPI and HTML checkers)" npm
  (cd tests/checkers && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) \
    || die "npm ci in tests/checkers failed: the OpenAPI and HTML checks need @redocly/cli and vnu-jar."
fi
export WHUFFIE_VNU_JAR="$ROOT/tests/checkers/node_modules/vnu-jar/build/dist/vnu.jar"

say "starting a throwaway PostgreSQL ($PG_BIN)"
PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$PG_DATA" && [ "$(id -u)" = 0 ] && chown postgres "$WORK" "$PG_DATA"
as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U whuffie --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
  || { cat "$WORK/initdb.log"; die "initdb failed."; }
# fsync off: this cluster lives for one run and is thrown away.
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg.log" -w -t 60 start \
  -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null \
  || { cat "$WORK/pg.log"; die "PostgreSQL did not start."; }
export WHUFFIE_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=whuffie;Database=postgres;Include Error Detail=true"

say "build (warnings are errors)"
dotnet build Whuffie.sln -c Debug -nologo -v quiet -clp:NoSummary -warnaserror || die "the build failed."

say "format check"
dotnet format Whuffie.sln --verify-no-changes --no-restore -v quiet || die "dotnet format found changes; run 'dotnet format Whuffie.sln'."

PASSED=0; FAILED=0; SKIPPED=0; BROKEN=""; DURATIONS=""
run_suite() { # name, test project, [--filter F], env assignments…
  local name=$1 project=$2; shift 2
  local filter=()
  if [ "${1:-}" = --filter ]; then filter=(--filter "$2"); shift 2; fi
  say "tests: $name"
  local trx="$WORK/results/$name.trx" started=$SECONDS
  if ! env "$@" dotnet test "$project" --no-build -nologo -v quiet "${filter[@]}" \
       --logger "trx;LogFileName=$trx" --logger "console;verbosity=minimal"; then :; fi
  local took=$((SECONDS - started))
  DURATIONS="$DURATIONS$(printf '  %-12s %3dm%02ds' "$name" $((took / 60)) $((took % 60)))"$'\n'
  if [ ! -f "$trx" ]; then BROKEN="$BROKEN $name"; return; fi
  local counts
  counts=$(python3 - "$trx" <<'PY'
import sys, xml.etree.ElementTree as ET
c = ET.parse(sys.argv[1]).getroot().find('{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}ResultSummary/{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}Counters')
skipped = int(c.get('notExecuted', 0))
print(int(c.get('passed', 0)), int(c.get('failed', 0)) + int(c.get('error', 0)) + int(c.get('timeout', 0)) + int(c.get('aborted', 0)), skipped)
PY
)
  read -r p f s <<<"$counts"
  echo "$name: $p passed, $f failed, $s skipped in $((took / 60))m$((took % 60))s"
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f)); SKIPPED=$((SKIPPED + s))
  [ "$p" -gt 0 ] || BROKEN="$BROKEN $name"
}

run_suite sqlite tests/Whuffie.Tests WHUFFIE_TEST_PROVIDER=sqlite
run_suite postgresql tests/Whuffie.Tests WHUFFIE_TEST_PROVIDER=postgresql
# The same tests with the app's clock a year ahead: a test that passes only this month fails here
# today. Left out: classes whose peer (a webhook receiver) checks our times against the real clock.
run_suite next-year tests/Whuffie.Tests --filter "Clock!=Wall" WHUFFIE_TEST_PROVIDER=sqlite WHUFFIE_TEST_CLOCK_SHIFT=365.00:00:00
# The browser tests host the app on their own SQLite file; once is enough, the provider
# differences are the two runs above.
run_suite browser tests/Whuffie.BrowserTests WHUFFIE_CHROMIUM="$CHROMIUM"
# Two instances of the built app (real processes) on one PostgreSQL database, behind nginx:
# shared sign-in keys, exact votes, cache invalidation and jobs across instances. PostgreSQL
# only, since SQLite is one instance by design.
run_suite scaleout tests/Whuffie.ScaleOutTests WHUFFIE_NGINX="$NGINX"

say "time per suite"
printf '%s' "$DURATIONS"
say "the 10 slowest tests"
python3 - "$WORK/results" <<'PY' || true
import sys, glob, os, xml.etree.ElementTree as ET
ns = '{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}'
rows = []
for trx in glob.glob(os.path.join(sys.argv[1], '*.trx')):
    suite = os.path.basename(trx)[:-4]
    for r in ET.parse(trx).getroot().iter(ns + 'UnitTestResult'):
        h, m, s = (r.get('duration') or '0:0:0').split(':')
        rows.append((int(h) * 3600 + int(m) * 60 + float(s), suite, r.get('testName')))
for seconds, suite, name in sorted(rows, reverse=True)[:10]:
    print(f'  {seconds:7.1f} s  {suite:<11} {name}')
PY

[ -z "$BROKEN" ] || { echo "suites that did not run:$BROKEN" >&2; FAILED=$((FAILED + 1)); }
echo
echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
[ "$FAILED" -eq 0 ] && [ "$SKIPPED" -eq 0 ]
