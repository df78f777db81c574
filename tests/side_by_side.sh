#!/bin/sh
# Runs test suites side by side, one lane per argument, each lane in its
# own tests/run.sh (so its own throwaway PostgreSQL), their output kept
# apart and printed one lane after the other once all have ended; fails
# when one failed. `make check` runs the database and TUI suites so: both
# wait on PostgreSQL and tmux more than they compute.
#
# A lane is SUITES or SUITES@INSTANT (UTC, 'YYYY-MM-DD HH:MM:SS' or with a
# T): with an instant the suites run under libfaketime at that instant
# (tests/faketime.sh); the tests of theirs that wait for the server's
# timers, which a moved clock skips (tests/run.sh: libfaketime stops the
# server's interval timers), then run at the real clock in a lane of
# their own beside the others (they mostly wait for lock_timeout).
#   BUILD=build sh tests/side_by_side.sh db tui
#   BUILD=build sh tests/side_by_side.sh 'db@2027-03-14T06:59:50' tui
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
logs=$(mktemp -d "${TMPDIR:-/tmp}/ticketty-suites.XXXXXX") || exit 1
trap 'rm -rf "$logs"' EXIT
# stopped: stop the suites too (each stops its own PostgreSQL)
trap 'kill $(cat "$logs"/*.pid 2>/dev/null) 2>/dev/null; exit 1' INT TERM HUP

# timer_tests SUITE: the names of SUITE's tests marked "needs: server timers".
timer_tests() {
	case "$1" in
	db) grep -l '^ \* needs: server timers' "$ROOT"/tests/db/test_*.c ;;
	tui) grep -l '^# needs: server timers' "$ROOT"/tests/tui/test_*.sh ;;
	esac 2>/dev/null | sed 's|.*/||; s|\.[a-z]*$||' | tr '\n' ' '
}

# run_lane SUITES[@INSTANT]
run_lane() {
	suites=${1%%@*}
	case "$1" in
	*@*) exec sh "$ROOT/tests/faketime.sh" "$(echo "${1#*@}" | tr T ' ')" $suites ;;
	*) exec sh "$ROOT/tests/run.sh" $suites ;;
	esac
}

# timers_lane SUITE...: each suite's timer tests at the real clock.
timers_lane() {
	status=0
	for suite in "$@"; do
		timers=$(timer_tests "$suite")
		[ -n "$timers" ] || continue
		echo "== $suite: the tests that wait for the server's timers, at the real clock"
		ONLY="$timers" sh "$ROOT/tests/run.sh" "$suite" || status=1
	done
	return $status
}

timed=""
for lane in "$@"; do
	case "$lane" in *@*) timed="$timed ${lane%%@*}" ;; esac
done
[ -z "$timed" ] || set -- "$@" "timers:$timed"
n=0
for lane in "$@"; do
	n=$((n + 1))
	case "$lane" in
	timers:*) timers_lane ${lane#timers:} ;;
	*) run_lane "$lane" ;;
	esac >"$logs/$n.log" 2>&1 &
	echo $! >"$logs/$n.pid"
done
failed=""
n=0
for lane in "$@"; do
	n=$((n + 1))
	wait "$(cat "$logs/$n.pid")" || failed="$failed '$lane'"
	echo "==== lane $lane"
	cat "$logs/$n.log"
done
if [ -n "$failed" ]; then
	echo "FAILED: lane(s)$failed"
	exit 1
fi
