#!/bin/sh
# Runs the test suites: unit (no database), db (Check against a throwaway
# cluster), tui (tmux scripts against the real binary), po (translations
# complete and well-formed), mail (a private Exim delivering to and from
# ticketty). Usage:
#   BUILD=build sh tests/run.sh all | unit | db | tui | po | mail ...
# VALGRIND=1 runs the Check binaries under valgrind; VALGRIND_BIN=1 runs
# under valgrind every ticketty the db tests (tests/lib/testdb.c) and the
# TUI tests (tests/tui/lib.sh) start, through TICKETTY_WRAPPER, its
# reports into VALGRIND_LOGS (a kept directory), a test program after
# which one is there failing; ONLY='test_inbox*'
# runs only the test programs whose names match that pattern (several
# patterns separated by spaces: ONLY='test_intake test_mail*'), and fails
# when it matches none, so that a misspelt name is not a pass. A TUI or
# database test program that fails is run once more (NO_RETRY=1 turns
# that off); passing then is reported as FLAKY.
set -u
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export TICKETTY_BIN="$ROOT/$BUILD/ticketty"
export TICKETTY_LOCALEDIR="$ROOT/$BUILD/locale"
# the source tree, for the database tests that read a fixture file of it
export TICKETTY_SRCDIR="$ROOT"
export CK_DEFAULT_TIMEOUT=${CK_DEFAULT_TIMEOUT:-120}
# Under valgrind a test's time bounds are divided by TT_TEST_SLOWDOWN.
[ -n "${VALGRIND:-}" ] && export CK_FORK=no CK_DEFAULT_TIMEOUT=600 TT_TEST_SLOWDOWN=${TT_TEST_SLOWDOWN:-25}
# The server's own psql first in PATH: on Debian /usr/bin/psql is a Perl
# wrapper (pg_wrapper) that adds ~15-150 ms to each of the thousands of
# calls the TUI and mail tests make.
. "$ROOT/tests/lib/pgbin.sh"
. "$ROOT/tests/lib/timer_tests.sh"
[ -n "$PGBIN" ] && [ -x "$PGBIN/psql" ] && PATH="$PGBIN:$PATH" && export PATH PGBIN
suites=${*:-all}
ONLY_GIVEN=${ONLY:+yes}
ONLY=${ONLY:-test_*}
selected_count=0
# True when the test program $1 is selected by one of ONLY's patterns.
selected() {
	only_matches "$(basename "$1")" "$ONLY" || return 1
	selected_count=$((selected_count + 1))
}
failed=0
failed_names=""
# note_failure NAME: counts a failed test program and remembers its name
# for the closing line, which is what a CI log's tail shows.
note_failure() {
	failed=$((failed + 1))
	failed_names="$failed_names $1"
}
[ "$suites" = all ] && suites="unit db tui po mail"
# Spanish tests need es_ES.UTF-8: generate it when missing (root or sudo).
case " $suites " in
*" unit "*|*" db "*|*" tui "*) sh "$ROOT/scripts/locales.sh" || note_failure locales ;;
esac
PGTMP_DIR=""
# Drafts and kept texts (util/draft, util/kept_text) the CLI and the
# interface write or remove go to a directory of the run's own: a test
# never touches the drafts in the home of whoever runs the suite.
TT_RUN_STATE=$(mktemp -d "${TMPDIR:-/tmp}/ticketty-test-state.XXXXXX")
export XDG_STATE_HOME="$TT_RUN_STATE"

cleanup() {
	[ -n "$PGTMP_DIR" ] && sh "$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP_DIR"
	PGTMP_DIR=""
	rm -rf "$TT_RUN_STATE"
}
trap cleanup EXIT
# A signal ends the run (before, INT and TERM ran the cleanup and the run
# went on, the next tests without their cluster, and a HUP left the
# cluster running); the test program running then ends first (the shell
# waits for it) and its own cleanup runs whole, and then this one.
trap 'trap "" INT TERM HUP; echo "interrupted" >&2; exit 1' INT TERM HUP

# VALGRIND_BIN=1: the command line the test libraries put before the
# binary; each process's report (empty when clean) goes to a file of its
# own. Children are followed into our own programs only (ticketty-mail,
# which `mail send`/`receive` exec: its report then takes the file of the
# ticketty it replaced), not into the system's (sh, psql, sendmail).
if [ -n "${VALGRIND_BIN:-}" ]; then
	VALGRIND_LOGS=${VALGRIND_LOGS:-$(mktemp -d "${TMPDIR:-/tmp}/ticketty-valgrind.XXXXXX")}
	export TICKETTY_WRAPPER="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
--trace-children=yes --trace-children-skip='/usr/*,/bin/*,/sbin/*,/etc/*' \
--suppressions='$ROOT/tests/valgrind.supp' --log-file='$VALGRIND_LOGS/%p.log'"
	# a TUI test's waits, and Check's, for a client twenty times slower
	export TT_TIMEOUT=${TT_TIMEOUT:-90} CK_DEFAULT_TIMEOUT=1200 TT_TEST_SLOWDOWN=${TT_TEST_SLOWDOWN:-25}
	echo "valgrind reports (VALGRIND_BIN): $VALGRIND_LOGS"
fi

# valgrind_reports NAME: with VALGRIND_BIN, shows the reports the test
# program NAME's clients left (renamed NAME-PID.txt, kept) and fails when
# there is one; the empty logs of the clean clients are removed.
valgrind_reports() {
	[ -n "${VALGRIND_BIN:-}" ] || return 0
	vg_found=0
	for vg_log in "$VALGRIND_LOGS"/*.log; do
		[ -f "$vg_log" ] || continue
		if [ -s "$vg_log" ]; then
			vg_kept="$VALGRIND_LOGS/$1-$(basename "$vg_log" .log).txt"
			mv "$vg_log" "$vg_kept"
			echo "valgrind report: $vg_kept"
			cat "$vg_kept"
			vg_found=1
		else
			rm -f "$vg_log"
		fi
	done
	return "$vg_found"
}

# Seconds since the epoch, to report how long each test program took.
now() { date +%s; }

# run_once BINARY: runs a Check program (under valgrind with VALGRIND=1).
run_once() {
	if [ -n "${VALGRIND:-}" ]; then
		valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
			--suppressions="$ROOT/tests/valgrind.supp" "$1"
	else
		"$1"
	fi
}

# run_test LABEL NAME RETRY COMMAND...: runs one test program and counts
# a failure. With RETRY=retry (database and TUI tests, which wait on a
# server and a terminal shared with the machine's load) a failed program
# runs once more, and passing then is said, as FLAKY, so a flake stays
# visible (NO_RETRY=1 turns that off). A labelled test says it passed; a
# Check program prints its own summary.
run_test() {
	label=$1 name=$2 retry=$3
	shift 3
	t0=$(now)
	if "$@"; then
		[ -z "$label" ] || echo "100%: $label$name: passed"
	elif [ "$retry" = retry ] && [ -z "${NO_RETRY:-}" ] &&
	     echo "$label$name: failed once, running it again" && "$@"; then
		echo "100%: $label$name: passed on the second attempt (FLAKY)"
	else
		echo "$label$name: FAILED"
		note_failure "$name"
	fi
	valgrind_reports "$name" || { echo "$label$name: FAILED under valgrind"; note_failure "$name(valgrind)"; }
	echo "time: $name $(($(now) - t0))s"
}

need_database() {
	[ -n "$PGTMP_DIR" ] && return 0
	eval "$(sh "$ROOT/tests/lib/pgtmp.sh" start)" || { echo "could not start PostgreSQL" >&2; exit 1; }
	# the migrated template every test database is copied from
	psql -qX -c "CREATE DATABASE ticketty_template" >/dev/null &&
	"$TICKETTY_BIN" --db "dbname=ticketty_template" db migrate >/dev/null ||
		{ echo "could not migrate the template database" >&2; exit 1; }
	export TICKETTY_TEST_TEMPLATE=ticketty_template
}

for suite in $suites; do
	suite_t0=$(now)
	case "$suite" in
	unit)
		echo "== unit tests"
		for t in "$ROOT/$BUILD"/tests/unit/test_*; do
			[ -x "$t" ] && selected "$t" && run_test "" "$(basename "$t")" once run_once "$t"
		done
		;;
	db)
		echo "== database tests"
		need_database
		for t in "$ROOT/$BUILD"/tests/db/test_*; do
			[ -x "$t" ] && selected "$t" || continue
			# libfaketime breaks the server's interval timers (setitimer):
			# statement_timeout and lock_timeout never fire under it. A
			# test that waits for them (tests/lib/timer_tests.sh) is
			# about those timers, not the calendar.
			if [ -n "${TT_UNDER_FAKETIME:-}" ] &&
			   needs_server_timers "$ROOT/tests/db/$(basename "$t").c"; then
				echo "skipped under libfaketime: $(basename "$t") (server timers)"
				continue
			fi
			run_test "" "$(basename "$t")" retry run_once "$t"
		done
		;;
	tui)
		echo "== TUI tests"
		need_database
		for t in "$ROOT"/tests/tui/test_*.sh; do
			[ -f "$t" ] && selected "$t" || continue
			# a test that waits for the server's lock_timeout cannot
			# run under libfaketime (see the database suite)
			if [ -n "${TT_UNDER_FAKETIME:-}" ] && needs_server_timers "$t"; then
				echo "skipped under libfaketime: $(basename "$t" .sh) (server timers)"
				continue
			fi
			run_test "TUI " "$(basename "$t" .sh)" retry sh "$t"
		done
		;;
	mail)
		echo "== mail tests (private Exim)"
		need_database
		for t in "$ROOT"/tests/mail/test_*.sh; do
			[ -f "$t" ] && selected "$t" || continue
			run_test "mail " "$(basename "$t" .sh)" once sh "$t"
		done
		;;
	po)
		echo "== translations"
		sh "$ROOT/tests/po/check-po.sh" || note_failure check-po
		;;
	*)
		echo "unknown suite $suite" >&2
		exit 64
		;;
	esac
	echo "time: suite $suite $(($(now) - suite_t0))s"
done
if [ -n "$ONLY_GIVEN" ] && [ "$selected_count" -eq 0 ] && [ "$suites" != po ]; then
	echo "FAILED: ONLY='$ONLY' selects no test program of: $suites"
	exit 1
fi
if [ "$failed" -ne 0 ]; then
	echo "FAILED: $failed test program(s) failed:$failed_names"
	exit 1
fi
echo "all test suites passed"
