#!/bin/sh
# Issue #19, every goal in one run (`make bench`): for each size in SIZES
# the commands against the real psql, with the seeding timed the first
# time the set is built (perf_bench.sh), and the view 2 reload
# (esc_reload_bench.sh); then the TUI at every size at once (tui_scale.sh)
# and intake in one session on a throwaway cluster (intake_bench.sh).
# Each script's whole output goes to OUT/<script>-<size>.log; at the end
# the figures are printed against the issue's goals.
#
#   sh tests/bench/issue19.sh
#     SIZES="1000 1000000"  ROUNDS=15  BUILD=build  PERF_DIR=~/.cache/ticketty-bench
#     OUT=PERF_DIR/issue19  INTAKE_ROUNDS=5  INTAKE_PER=300
#
# The data sets are kept in PERF_DIR between runs (perf_bench.sh rebuilds
# one when the schema or the seeder changes). 10M (SIZES="1000 10000000")
# wants ~55 GB and ~45 minutes of building: keep it on the compressed
# volume of tests/bench/compressed_volume.sh (PERF_DIR=/work/bench-data-10m).
# PERF_DIR must be readable by the postgres user (not under /root).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
SIZES=${SIZES:-1000 1000000}
ROUNDS=${ROUNDS:-15}
PERF_DIR=${PERF_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ticketty-bench}
OUT=${OUT:-$PERF_DIR/issue19}
export BUILD ROUNDS PERF_DIR
cd "$ROOT"
mkdir -p "$OUT"

step() {  # step NAME SIZE COMMAND...: runs it, its output to OUT/NAME-SIZE.log
	name=$1 size=$2
	shift 2
	echo "== $name ($size) at $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)"
	"$@" >"$OUT/$name-$size.log" 2>&1 || { echo "FAILED: $name ($size), see $OUT/$name-$size.log" >&2; exit 1; }
}
for n in $SIZES; do
	step perf "$n" env TICKETS="$n" STOP=0 sh tests/bench/perf_bench.sh
	step esc_reload "$n" env TICKETS="$n" sh tests/bench/esc_reload_bench.sh
done
step tui all env SIZES="$SIZES" sh tests/bench/tui_scale.sh
step intake 2000 env TICKETS=2000 ROUNDS="${INTAKE_ROUNDS:-5}" PER="${INTAKE_PER:-300}" sh tests/bench/intake_bench.sh

echo
echo "Issue 19: the figures against the goals (whole outputs in $OUT)"
for n in $SIZES; do
	echo "-- $n tickets"
	seeded=$(sed -n 's/^seeded in \([0-9]*\) s.*/\1/p' "$OUT/perf-$n.log")
	if [ -n "$seeded" ]; then
		echo "   seeding: $seeded s (goal < 600 s at 10M; steps: $PERF_DIR/$n.build.log)"
	else
		echo "   seeding: not in this run (the set was kept; its last build's steps: $PERF_DIR/$n.build.log)"
	fi
	awk '/ ratio / { for (i = 1; i <= NF; i++) if ($i == "ratio") { x = $(i + 1); sub("x", "", x);
	         printf "   %-16s %s ms, psql %s ms, %sx%s\n", $1, $3, $6, x, (x + 0 > 1.2 ? "  (NOT <= 1.2x)" : "") } }' "$OUT/perf-$n.log"
	grep -E '^  now ' "$OUT/esc_reload-$n.log" | sed 's/^  now/   view 2 reload, now/; s/$/  (goal < 20 ms at 10M)/'
done
echo "-- TUI (goal: flat from the smallest to the largest set, RSS < 16 MB)"
grep -E 'first paint' "$OUT/tui-all.log" | sed 's/^/   /'
echo "-- intake (goal >= 2,000 tickets/s)"
grep -E 'api_ticket_create|plain INSERT|load average' "$OUT/intake-2000.log" | sed 's/^ */   /'
