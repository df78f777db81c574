# Which tests wait for the server's own timers (statement_timeout,
# lock_timeout): their source carries the line "needs: server timers"
# (" * needs: ..." in a C test, "# needs: ..." in a shell one).
# libfaketime stops those timers, so tests/run.sh skips such a test
# under a moved clock and tests/side_by_side.sh runs it at the real
# clock instead. Sourced; needs ROOT (the checkout).

. "$ROOT/tests/lib/only.sh"

# True when the test source FILE is marked.
needs_server_timers() {
	grep -Eq '^( \*|#) needs: server timers' "$1"
}

# timer_tests SUITE [PATTERNS]: the names of SUITE's marked tests, those
# matching one of PATTERNS (ONLY's shell patterns) when it is given.
timer_tests() {
	for f in "$ROOT"/tests/"$1"/test_*.c "$ROOT"/tests/"$1"/test_*.sh; do
		[ -f "$f" ] && needs_server_timers "$f" || continue
		name=$(basename "$f"); name=${name%.*}
		[ -z "${2:-}" ] || only_matches "$name" "$2" || continue
		printf '%s ' "$name"
	done
}
