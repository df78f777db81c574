#!/bin/sh
# make check-ha: the tests of tests/ha (each starts and stops its own
# primary, standby and pooler on Unix sockets in a temporary directory).
#   BUILD=build sh tests/ha/run.sh [test_name ...]
set -u
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export TICKETTY_BIN="$ROOT/$BUILD/ticketty"
export TICKETTY_LOCALEDIR="$ROOT/$BUILD/locale"
export HA_BUILD="$ROOT/$BUILD"
# PG* settings of the caller must not leak into the rig
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGSERVICE PGUSER PGTARGETSESSIONATTRS
failed=0
tests=${*:-$(cd "$ROOT/tests/ha" && ls test_*.sh | sed 's/\.sh$//')}
for t in $tests; do
	start=$(date +%s)
	if timeout -k 10 ${HA_TEST_TIMEOUT:-240} sh "$ROOT/tests/ha/$t.sh"; then
		echo "100%: HA $t: passed in $(( $(date +%s) - start ))s"
	else
		echo "HA $t: FAILED after $(( $(date +%s) - start ))s"
		failed=$((failed + 1))
	fi
done
[ "$failed" -eq 0 ] || { echo "FAILED: $failed HA test(s) failed"; exit 1; }
echo "all HA tests passed"
