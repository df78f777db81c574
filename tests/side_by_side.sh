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
#
# SUITE/N (alone in its lane spec: db/2, db/2@INSTANT) splits that suite
# into N lanes, each with every Nth of its test programs in name order
# and its own cluster: the database suite waits on round trips more than
# it computes (alone it keeps 1.3 of 2 cores busy), so two halves side by
# side finish well before one whole. Not with ONLY set: then it is one lane.
#
# A lane runs BUILD's binaries, or build-asan's for the suites named in
# TT_SAN_SUITES (make check's CHECK_SAN_SUITES).
#   BUILD=build sh tests/side_by_side.sh db tui
#   BUILD=build sh tests/side_by_side.sh 'db/2@2027-03-14T06:59:50' tui
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
logs=$(mktemp -d "${TMPDIR:-/tmp}/ticketty-suites.XXXXXX") || exit 1
trap 'rm -rf "$logs"' EXIT
# stopped: stop the suites too (each stops its own PostgreSQL)
trap 'kill $(cat "$logs"/*.pid 2>/dev/null) 2>/dev/null; exit 1' INT TERM HUP

. "$ROOT/tests/lib/timer_tests.sh"

# build_for SUITE: the build a lane of SUITE runs: build-asan for the
# suites in TT_SAN_SUITES (make check's CHECK_SAN_SUITES), else BUILD.
build_for() {
	case " ${TT_SAN_SUITES:-} " in
	*" $1 "*) echo build-asan ;;
	*) echo "${BUILD:-build}" ;;
	esac
}

# suite_tests SUITE: its test programs' names, in name order.
suite_tests() {
	case "$1" in
	db) ls "$ROOT/$(build_for db)"/tests/db/ ;;
	tui) ls "$ROOT"/tests/tui/ ;;
	unit) ls "$ROOT/$(build_for unit)"/tests/unit/ ;;
	mail) ls "$ROOT"/tests/mail/ ;;
	esac 2>/dev/null | grep '^test_' | grep -v '\.[^s]' | sed 's|\.sh$||' | sort
}

# run_lane SUITES[@INSTANT] [ONLY]: the lane's suites, at INSTANT if given,
# only the named test programs if ONLY is.
run_lane() {
	suites=${1%%@*}
	[ -z "${2:-}" ] || export ONLY="$2"
	BUILD=$(build_for "${suites%% *}")
	export BUILD
	case "$1" in
	*@*) exec sh "$ROOT/tests/faketime.sh" "$(echo "${1#*@}" | tr T ' ')" $suites ;;
	*) exec sh "$ROOT/tests/run.sh" $suites ;;
	esac
}

# timers_lane SUITE...: each suite's timer tests at the real clock, those
# ONLY names when it is set.
timers_lane() {
	status=0
	for suite in "$@"; do
		timers=$(timer_tests "$suite" "${ONLY:-}")
		[ -n "$timers" ] || continue
		echo "== $suite: the tests that wait for the server's timers, at the real clock"
		ONLY="$timers" BUILD=$(build_for "$suite") sh "$ROOT/tests/run.sh" "$suite" || status=1
	done
	return $status
}

# the lanes, with SUITE/N expanded: "SPEC<TAB>ONLY" per line
specs=$(for lane in "$@"; do
	base=${lane%%@*}
	at=""
	case "$lane" in *@*) at="@${lane#*@}" ;; esac
	case "$base" in
	*/[0-9]*)
		suite=${base%/*} parts=${base#*/}
		if [ -n "${ONLY:-}" ] || [ "$parts" -le 1 ]; then
			printf '%s\t\n' "$suite$at"
			continue
		fi
		k=0
		while [ "$k" -lt "$parts" ]; do
			printf '%s\t%s\n' "$suite$at" "$(suite_tests "$suite" | awk -v n="$parts" -v k="$k" '(NR - 1) % n == k' | tr '\n' ' ')"
			k=$((k + 1))
		done ;;
	*) printf '%s\t\n' "$lane" ;;
	esac
done)
timed=$(printf '%s\n' "$specs" | cut -f1 | grep @ | sed 's|@.*||' | sort -u | tr '\n' ' ')
[ -z "$timed" ] || specs=$(printf '%s\ntimers:%s\t\n' "$specs" "$timed")
n=0
tab=$(printf '\t')
while IFS="$tab" read -r spec only; do
	n=$((n + 1))
	echo "$spec${only:+ ($(echo "$only" | wc -w) test programs)}" >"$logs/$n.name"
	case "$spec" in
	timers:*) timers_lane ${spec#timers:} ;;
	*) run_lane "$spec" "$only" ;;
	esac >"$logs/$n.log" 2>&1 &
	echo $! >"$logs/$n.pid"
done <<EOF
$specs
EOF
lanes=$n
failed=""
n=0
while [ "$n" -lt "$lanes" ]; do
	n=$((n + 1))
	wait "$(cat "$logs/$n.pid")" || failed="$failed '$(cat "$logs/$n.name")'"
	echo "==== lane $(cat "$logs/$n.name")"
	cat "$logs/$n.log"
done
if [ -n "$failed" ]; then
	echo "FAILED: lane(s)$failed"
	exit 1
fi
