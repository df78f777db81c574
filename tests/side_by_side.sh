#!/bin/sh
# Runs test suites side by side, each in its own tests/run.sh (so its own
# throwaway PostgreSQL), their output kept apart and printed one suite
# after the other once all have ended; fails when one failed. `make check`
# runs the database and TUI suites so: both wait on PostgreSQL and tmux
# more than they compute (.ci/run's second stage pairs them the same way).
#   BUILD=build sh tests/side_by_side.sh db tui
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
logs=$(mktemp -d "${TMPDIR:-/tmp}/ticketty-suites.XXXXXX") || exit 1
trap 'rm -rf "$logs"' EXIT
# stopped: stop the suites too (each stops its own PostgreSQL)
trap 'kill $(cat "$logs"/*.pid 2>/dev/null) 2>/dev/null; exit 1' INT TERM HUP
for suite in "$@"; do
	sh "$ROOT/tests/run.sh" "$suite" >"$logs/$suite.log" 2>&1 &
	echo $! >"$logs/$suite.pid"
done
failed=""
for suite in "$@"; do
	wait "$(cat "$logs/$suite.pid")" || failed="$failed $suite"
	cat "$logs/$suite.log"
done
if [ -n "$failed" ]; then
	echo "FAILED: suite(s)$failed"
	exit 1
fi
