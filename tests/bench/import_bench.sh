#!/bin/sh
# `ticketty ticket import` end to end (issue #19's intake goal, >= 2,000
# tickets a second in one session), side by side with the real psql
# ($(pg_config --bindir)/psql) sending the same calls: api_ticket_create_many
# of 500 payloads each, literal arrays in a script. Each round imports PER
# new tickets both ways, alternating which goes first; the time is the
# process's wall clock, start and connection included, as a desk's script
# would see it. A throwaway cluster with TICKETS demo tickets; prints each
# round, the medians and the load average before and after.
#
#   sh tests/bench/import_bench.sh     (TICKETS=10000 ROUNDS=9 PER=5000 BUILD=build)
#   PGHOST=/work/bench-data/pg PGUSER=postgres REUSE_DB=t1000000 sh tests/bench/import_bench.sh
#       (a kept desk instead: migrated by this build, its tickets stay;
#       the payloads go to public.bench_payload, made again)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
TICKETS=${TICKETS:-10000}
ROUNDS=${ROUNDS:-9}
PER=${PER:-5000}
BIN="$ROOT/$BUILD/ticketty"
PSQL="$(pg_config --bindir)/psql"
cd "$ROOT"
make -s -j2 "$BUILD/ticketty"

. "$ROOT/tests/bench/intake_lib.sh"
if [ -n "${REUSE_DB:-}" ]; then
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/import_bench.XXXXXX")
	trap 'rm -rf "$WORK"' EXIT INT TERM
	DB=$REUSE_DB
	"$BIN" --db "dbname=$DB" db migrate >/dev/null
	psql -d "$DB" -c "DROP TABLE IF EXISTS public.bench_payload, public.bare_tickets, public.bare_events"
	AGENT=$(psql -d "$DB" -c "SELECT login FROM ticketty.agents WHERE role = 'engineer' AND active ORDER BY id LIMIT 1")
	TICKETS=$(psql -d "$DB" -c "SELECT count(*) FROM ticketty.tickets")
else
	eval "$(sh tests/lib/pgtmp.sh start)"
	trap 'sh "$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP_DIR"' EXIT INT TERM
	WORK=$PGTMP_DIR/import
	mkdir -p "$WORK"
	DB=import
	intake_desk "$DB" "$BIN" "$TICKETS"
fi
intake_payloads "$DB" $(( (ROUNDS * 2 + 1) * PER ))

next=1
for r in $(seq 1 "$ROUNDS"); do
	psql -d "$DB" -c "SELECT payload FROM public.bench_payload WHERE n BETWEEN $next AND $((next + PER - 1))
	                  ORDER BY n" >"$WORK/cli.$r.jsonl"
	next=$((next + PER))
	intake_many_sql "$DB" $next $((next + PER - 1)) 500 >"$WORK/psql.$r.sql"
	next=$((next + PER))
done
# one call each outside the rounds (the cluster's caches)
intake_many_sql "$DB" $next $((next + 1)) 1 >"$WORK/warm.sql"
PGUSER=$AGENT "$PSQL" -X -q -d "$DB" -f "$WORK/warm.sql" >/dev/null

now() { date +%s.%N; }
rate() { awk -v n="$PER" -v a="$1" -v b="$2" 'BEGIN { printf "%.1f\n", n / (b - a) }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
la0=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$WORK/cli.txt"
: >"$WORK/psql.txt"
for r in $(seq 1 "$ROUNDS"); do
	if [ $((r % 2)) -eq 1 ]; then order="cli psql"; else order="psql cli"; fi
	for side in $order; do
		a=$(now)
		if [ $side = cli ]; then
			PGUSER=$AGENT "$BIN" --db "dbname=$DB" ticket import "$WORK/cli.$r.jsonl" >"$WORK/out.$r"
			[ "$(wc -l <"$WORK/out.$r")" -eq "$PER" ] || { echo "import $r: not every line taken in" >&2; exit 1; }
		else
			PGUSER=$AGENT "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$DB" -f "$WORK/psql.$r.sql" >/dev/null
		fi
		b=$(now)
		rate "$a" "$b" >>"$WORK/$side.txt"
	done
done
la1=$(cut -d' ' -f1-3 /proc/loadavg)
c=$(median <"$WORK/cli.txt")
p=$(median <"$WORK/psql.txt")
echo "import of $PER tickets a round, $ROUNDS rounds interleaved, $TICKETS demo tickets before, tickets/s (medians):"
echo "  ticketty ticket import FILE         $c   (rounds: $(tr '\n' ' ' <"$WORK/cli.txt"))"
echo "  psql -f, the same calls (500 each)  $p   (rounds: $(tr '\n' ' ' <"$WORK/psql.txt"))"
awk -v c="$c" -v p="$p" 'BEGIN { printf "  ticketty / psql time: %.2fx\n", p / c }'
echo "  load average $la0 -> $la1"
