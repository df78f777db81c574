#!/bin/sh
# intake_resolve A/B (issue 19): what one call of the intake check costs,
# the original function (tests/db/intake_resolve_orig.sql, schema
# intake_orig: intake_resolve and its helpers as they were before the
# set-based rewrite) against ticketty.intake_resolve of this tree, in one
# database. Each round runs three psql scripts of PER statements each, in
# turn (the order rotating by round): `SELECT 1;` (the floor: a statement
# from psql), then `SELECT (S.intake_resolve('<payload>')).emergency;` for
# S = intake_orig and ticketty, the payloads of intake_bench.sh
# (tests/bench/intake_lib.sh) as literals. Per call it reads the in-session
# wall clock and the backend's CPU time (/proc/<pid>/schedstat) at the
# script's start and end, after one warm-up call. Prints every round, the
# load average, and the medians.
#
#   sh tests/bench/intake_resolve_ab.sh
#       (ROUNDS=9 PER=1000 TICKETS=2000 BUILD=build)
#   REFUSED=1 sh tests/bench/intake_resolve_ab.sh
#       (payloads the check refuses instead: every third one {}, every
#        third five bad fields, every third three fields left out)
#   REUSE=1 DB=ab sh tests/bench/intake_resolve_ab.sh
#       (a running cluster, PGHOST set, database DB migrated, seeded and
#        holding intake_orig and public.bench_payload: e.g. after
#        `ticketty db migrate` again with a changed function file)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
ROUNDS=${ROUNDS:-9}
PER=${PER:-1000}
TICKETS=${TICKETS:-2000}
DB=${DB:-ab}
PSQL="$(pg_config --bindir)/psql"
. "$ROOT/tests/bench/intake_lib.sh"

if [ -z "${REUSE:-}" ]; then
	(cd "$ROOT" && make -s -j2 "$BUILD/ticketty")
	eval "$(sh "$ROOT/tests/lib/pgtmp.sh" start)"
	trap 'sh "$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP_DIR"' EXIT INT TERM
	psql -d postgres -c "CREATE DATABASE $DB"
	"$ROOT/$BUILD/ticketty" --db "dbname=$DB" db migrate >/dev/null
	"$ROOT/$BUILD/ticketty" --db "dbname=$DB" db seed-demo --tickets "$TICKETS" >/dev/null
	psql -d "$DB" -f "$ROOT/tests/db/intake_resolve_orig.sql"
	intake_payloads "$DB" "$PER"
	psql -d "$DB" -c "VACUUM ANALYZE"
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/intake-resolve-ab.XXXXXX")
trap 'rm -rf "$WORK"; if [ -z "${REUSE:-}" ]; then sh "$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP_DIR"; fi' EXIT INT TERM

# the payloads timed
if [ -n "${REFUSED:-}" ]; then
	PAYLOAD="CASE n % 3 WHEN 0 THEN '{}'::jsonb
	              WHEN 1 THEN payload || '{\"title\": \"a\\nb\", \"member_id\": \"x\", \"object_ids\": \"1, x\",
	                                      \"os\": \"Windows\", \"contact\": \"nobody@example.com\"}'
	              ELSE payload - 'title' - 'impact' - 'browser' END"
else
	PAYLOAD=payload
fi
# the two sides must agree on these payloads before they are timed
differ=$(psql -d "$DB" -c "SELECT count(*) FROM public.bench_payload
	WHERE n <= $PER AND (intake_orig.intake_resolve($PAYLOAD))::text
	      IS DISTINCT FROM (ticketty.intake_resolve($PAYLOAD))::text")
[ "$differ" = 0 ] || { echo "the two functions differ on $differ payloads" >&2; exit 1; }
echo "payloads refused: $(psql -d "$DB" -c "SELECT count(*) FROM public.bench_payload
	WHERE n <= $PER AND (ticketty.intake_resolve($PAYLOAD)).problems <> '{}'") of $PER"

CPU="SELECT 'cpu', split_part(pg_read_file('/proc/' || pg_backend_pid() || '/schedstat'), ' ', 1);"
WALL="SELECT 'wall', extract(epoch FROM clock_timestamp());"
for side in floor intake_orig ticketty; do
	{
		if [ $side = floor ]; then
			echo "SELECT 1;"
		else
			psql -d "$DB" -c "SELECT 'SELECT ($side.intake_resolve(' || quote_literal(($PAYLOAD)::text) || ')).emergency;'
			                    FROM public.bench_payload WHERE n = 1"
		fi
		echo "$CPU"; echo "$WALL"
		if [ $side = floor ]; then
			i=0
			while [ $i -lt "$PER" ]; do echo "SELECT 1;"; i=$((i + 1)); done
		else
			psql -d "$DB" -c "SELECT 'SELECT ($side.intake_resolve(' || quote_literal(($PAYLOAD)::text) || ')).emergency;'
			                    FROM public.bench_payload WHERE n <= $PER ORDER BY n"
		fi
		echo "$WALL"; echo "$CPU"
	} >"$WORK/$side.sql"
done
run() {  # run SIDE -> "wall_ms cpu_ms" a call
	psql -d "$DB" -F ' ' -f "$WORK/$1.sql" | awk -v n="$PER" '
		$1 == "cpu" { c[++i] = $2 } $1 == "wall" { w[++j] = $2 }
		END { printf "%.4f %.4f\n", (w[2] - w[1]) * 1000 / n, (c[2] - c[1]) / 1e6 / n }'
}
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-24s %-24s %-24s %s\n' round "floor wall/cpu ms" "orig wall/cpu ms" "new wall/cpu ms" load
: >"$WORK/rounds"
for r in $(seq 1 "$ROUNDS"); do
	case $((r % 3)) in
	0) order="floor intake_orig ticketty" ;;
	1) order="ticketty floor intake_orig" ;;
	2) order="intake_orig ticketty floor" ;;
	esac
	for side in $order; do
		eval "res_$side=\"\$(run $side)\""
	done
	la=$(cut -d' ' -f1 /proc/loadavg)
	echo "$r $res_floor $res_intake_orig $res_ticketty $la" >>"$WORK/rounds"
	printf '%-6s %-24s %-24s %-24s %s\n' "$r" "$res_floor" "$res_intake_orig" "$res_ticketty" "$la"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
median() {  # median COLUMN
	awk -v c="$1" '{ print $c }' "$WORK/rounds" | sort -n |
		awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
echo "medians of $ROUNDS rounds, ms a call (wall / backend CPU):"
echo "  SELECT 1        $(median 2) / $(median 3)"
echo "  intake_orig     $(median 4) / $(median 5)"
echo "  ticketty (new)  $(median 6) / $(median 7)"
