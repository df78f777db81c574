#!/bin/sh
# Runs test suites with the whole machine's clock moved to another instant
# by libfaketime (Debian package faketime): the test PostgreSQL, tmux,
# ticketty and psql all see the same moved clock, which starts at INSTANT
# (UTC) and runs on at the real pace. The monotonic clock is left alone so
# timeouts and poll deadlines keep their meaning. Usage:
#   BUILD=build sh tests/faketime.sh '2027-03-14 06:59:50' db tui
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
instant=${1:?usage: faketime.sh 'YYYY-MM-DD HH:MM:SS' suite...}
shift
command -v faketime >/dev/null 2>&1 || { echo "faketime is not installed (make deps)" >&2; exit 1; }
target=$(TZ=UTC date -d "$instant" +%s) || { echo "not an instant: $instant" >&2; exit 64; }
offset=$((target - $(date +%s)))
echo "== suites $* with the clock at $instant UTC (offset ${offset}s)"
TT_UNDER_FAKETIME=1 FAKETIME_DONT_FAKE_MONOTONIC=1 exec faketime -f "+${offset}s" sh "$ROOT/tests/run.sh" "$@"
