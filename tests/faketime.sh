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
target=$(TZ=UTC date -d "$instant" +%s) || { echo "not an instant: $instant" >&2; exit 64; }
offset=$((target - $(date +%s)))
echo "== suites $* with the clock at $instant UTC (offset ${offset}s)"
# libfaketime preloaded by hand rather than through the faketime wrapper:
# the wrapper's shared semaphore belongs to the user who started it, so a
# test that drops to another user (test_local as `nobody`) could not open
# it; a fixed "+N seconds" needs no shared state.
lib=""
for f in /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1; do
	[ -f "$f" ] && { lib=$f; break; }
done
[ -n "$lib" ] || lib=$(faketime -f +0s sh -c 'printf %s "$LD_PRELOAD"' | cut -d: -f1)
[ -n "$lib" ] || { echo "cannot find libfaketime.so.1 (make deps)" >&2; exit 1; }
LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}" FAKETIME="+${offset}s" FAKETIME_DONT_FAKE_MONOTONIC=1 \
	TT_UNDER_FAKETIME=1 exec sh "$ROOT/tests/run.sh" "$@"
