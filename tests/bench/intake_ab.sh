#!/bin/sh
# Intake A/B (issue #19): what a ticket costs the server's backend, this
# tree against another. Two databases in one throwaway cluster, one
# migrated and seeded by the other tree's binary (BASE: a checkout or a
# `git archive` of the commit to compare with; its BASE_BUILD/ticketty is
# built there), one by this tree's; the same payloads in both (the SQL of
# intake_bench.sh). Each round runs, in both databases, the databases
# alternating first: PER api_ticket_create calls as an engineer, then PER
# floor tickets (intake_bench.sh's plain INSERT of the ticket and its
# 'created' event, as the owner), then with IMPORT=1 PER tickets in one
# call of api_ticket_create_many (both trees must have it), one psql
# script each. Per ticket it
# reads the backend's own CPU time (/proc/<pid>/schedstat through
# pg_read_file, granted to the engineer in this cluster only) and the
# in-session wall clock, at the script's start and end; the CPU time
# moves far less with the machine's load than tickets per second do.
# Prints every round and the medians.
#
#   BASE=/tmp/base sh tests/bench/intake_ab.sh
#       (ROUNDS=10 PER=500 TICKETS=2000 BUILD=build BASE_BUILD=$BUILD)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BASE=${BASE:?BASE=<the other tree>}
BUILD=${BUILD:-build}
BASE_BUILD=${BASE_BUILD:-$BUILD}
ROUNDS=${ROUNDS:-10}
PER=${PER:-500}
TICKETS=${TICKETS:-2000}
PSQL="$(pg_config --bindir)/psql"
(cd "$ROOT" && make -s -j2 "$BUILD/ticketty")
(cd "$BASE" && make -s -j2 "$BASE_BUILD/ticketty")

eval "$(sh "$ROOT/tests/lib/pgtmp.sh" start)"
trap 'sh "$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP_DIR"' EXIT INT TERM
WORK=$PGTMP_DIR/ab
mkdir -p "$WORK"
. "$ROOT/tests/bench/intake_lib.sh"
KINDS="api floor"
[ "${IMPORT:-0}" = 1 ] && KINDS="api floor import"
TOTAL=$(( (ROUNDS * 3 + 1) * PER ))
for side in base this; do
	if [ $side = base ]; then bin=$BASE/$BASE_BUILD/ticketty; else bin=$ROOT/$BUILD/ticketty; fi
	psql -d postgres -c "CREATE DATABASE ab_$side"
	"$bin" --db "dbname=ab_$side" db migrate >/dev/null
	"$bin" --db "dbname=ab_$side" db seed-demo --tickets "$TICKETS" >/dev/null
	psql -d "ab_$side" -c "VACUUM ANALYZE"
	# the payloads intake_bench.sh sends (and its bare tables, unused here)
	intake_payloads "ab_$side" "$TOTAL"
	psql -d "ab_$side" -c "GRANT EXECUTE ON FUNCTION pg_read_file(text) TO PUBLIC"
done
AGENT=$(psql -d ab_this -c "SELECT login FROM ticketty.agents WHERE role = 'engineer' AND active ORDER BY id LIMIT 1")
psql -d postgres -c "GRANT pg_read_server_files TO \"$AGENT\""

CPU="SELECT 'cpu', split_part(pg_read_file('/proc/' || pg_backend_pid() || '/schedstat'), ' ', 1);"
WALL="SELECT 'wall', extract(epoch FROM clock_timestamp());"
script() {  # script KIND FIRST LAST DB FILE
	{
		echo "$CPU"; echo "$WALL"
		if [ "$1" = api ]; then
			intake_api_sql "$4" "$2" "$3"
		elif [ "$1" = import ]; then
			intake_many_sql "$4" "$2" "$3" "$PER"
		else
			intake_floor_sql "$4" "$2" "$3" ticketty.tickets ticketty.ticket_events "" ""
		fi
		echo "$WALL"; echo "$CPU"
	} >"$5"
}
run() {  # run USER DB FILE -> CPU ms and wall ms a ticket
	psql -U "$1" -d "$2" -F ' ' -f "$3" | awk -v n="$PER" '
		$1 == "cpu" { c[++i] = $2 } $1 == "wall" { w[++j] = $2 }
		END { printf "%.4f %.4f\n", (c[2] - c[1]) / 1e6 / n, (w[2] - w[1]) * 1000 / n }'
}
# one warm-up ticket each, outside the rounds
for side in base this; do
	psql -U "$AGENT" -d "ab_$side" -c "SELECT ticketty.api_ticket_create(payload) FROM public.bench_payload WHERE n = $TOTAL" >/dev/null
done

la0=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$WORK/rounds"
next=1
for r in $(seq 1 "$ROUNDS"); do
	for kind in $KINDS; do
		for side in base this; do script $kind $next $((next + PER - 1)) "ab_$side" "$WORK/$kind.$side.sql"; done
		next=$((next + PER))
		if [ $kind = floor ]; then u=postgres; else u=$AGENT; fi
		if [ $((r % 2)) -eq 1 ]; then order="base this"; else order="this base"; fi
		for side in $order; do
			echo "$r $kind $side $(run "$u" "ab_$side" "$WORK/$kind.$side.sql")" | tee -a "$WORK/rounds"
		done
	done
done
la1=$(cut -d' ' -f1-3 /proc/loadavg)
echo "base $BASE, this $ROOT; $TICKETS demo tickets, $ROUNDS rounds of $PER a side; ms a ticket, medians:"
awk '
	function med(a, n,   i, j, t) {
		for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	{ k = $2 "." $3; n[k]++; cpu[k, n[k]] = $4; wall[k, n[k]] = $5; pc[$2, $1, $3] = $4 }
	END {
		for (x = 1; x <= 3; x++) {
			kind = x == 1 ? "api" : x == 2 ? "floor" : "import"
			if (!n[kind ".base"]) continue
			for (y = 1; y <= 2; y++) {
				side = y == 1 ? "base" : "this"; k = kind "." side
				for (i = 1; i <= n[k]; i++) { c[i] = cpu[k, i]; w[i] = wall[k, i] }
				printf "  %-5s %-4s CPU %.4f  wall %.4f (%.0f tickets/s)\n", kind, side, med(c, n[k]), med(w, n[k]), 1000 / med(w, n[k])
			}
			lower = 0; rounds = 0
			for (r = 1; r <= n[k]; r++) { rounds++; if (pc[kind, r, "this"] < pc[kind, r, "base"]) lower++ }
			printf "  %-5s this tree lower in CPU in %d of %d rounds\n", kind, lower, rounds
		}
	}' "$WORK/rounds"
echo "  load average $la0 -> $la1"
