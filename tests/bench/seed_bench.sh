#!/bin/sh
# Demo seeder benchmark: on a throwaway cluster (tests/lib/pgtmp.sh),
# migrates an empty database and times `ticketty db seed-demo` with
# TICKETS tickets (default 1,000,000), then prints the row counts it made
# and removes the cluster. Target: under two minutes for a million.
#   sh tests/bench/seed_bench.sh          (BUILD=build TICKETS=1000000 SEED=1)
# Figures go to tests/bench/README (section "Demo seeder").
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
TICKETS=${TICKETS:-1000000}
SEED=${SEED:-1}
cd "$ROOT"

make -s -j2 "$BUILD/ticketty"
eval "$(sh tests/lib/pgtmp.sh start)"
trap 'sh "$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP_DIR"' EXIT INT TERM
psql -qX -c "CREATE DATABASE bench" >/dev/null
"$BUILD/ticketty" --db dbname=bench db migrate >/dev/null

# The machine is shared: besides the wall time, sample the CPU time of the
# server process doing the load (utime + stime from /proc), which is what
# the load costs on an otherwise idle core.
cpu_file=$PGTMP_DIR/seed_cpu
sample_cpu() {
	pid=""
	while [ -z "$pid" ] && [ ! -e "$cpu_file.done" ]; do
		pid=$(psql -qXAt -c "SELECT pid FROM pg_stat_activity WHERE datname = 'bench'
		                     AND application_name = 'ticketty'" 2>/dev/null | head -n 1)
		[ -n "$pid" ] || sleep 0.2
	done
	tck=$(getconf CLK_TCK)
	while [ -n "$pid" ] && [ -r "/proc/$pid/stat" ]; do
		awk -v t="$tck" '{ printf "%.1f\n", ($14 + $15) / t }' "/proc/$pid/stat" >"$cpu_file.tmp" 2>/dev/null &&
			mv "$cpu_file.tmp" "$cpu_file"
		sleep 0.5
	done
}
sample_cpu &
sampler=$!

start=$(date +%s.%N)
"$BUILD/ticketty" --db dbname=bench db seed-demo --tickets "$TICKETS" --seed "$SEED" --timing
end=$(date +%s.%N)
secs=$(echo "$end - $start" | bc)
touch "$cpu_file.done"
wait "$sampler" 2>/dev/null || true

psql -qXAt -F ' ' bench <<'SQL'
SET search_path = ticketty;
SELECT 'tickets', count(*) FROM tickets;
SELECT 'ticket_events', count(*) FROM ticket_events;
SELECT 'comments', count(*) FROM comments;
SELECT 'escalations', count(*) FROM escalations;
SELECT 'database size', pg_size_pretty(pg_database_size(current_database()));
SQL
echo "seed-demo --tickets $TICKETS: ${secs} s wall, $(cat "$cpu_file" 2>/dev/null || echo '?') s CPU in the server" \
	"(load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
