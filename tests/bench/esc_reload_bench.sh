#!/bin/sh
# Reload of view 2 (the escalation list) as the TUI does it, on the data
# set perf_bench.sh keeps (PERF_DIR, database t$TICKETS; run perf_bench.sh
# first, STOP=0 leaves its server up, or this script starts it).
#
#   sh tests/bench/esc_reload_bench.sh     (TICKETS=1000000 ROUNDS=15 PER=20)
#
# The statement is captured from the real binary (`ticketty escalations`
# with log_statement = 'all' for the benchmark login), then run with the
# real pgbench ($(pg_config --bindir)/pgbench), one session per round, PER
# reloads each, as:
#   now:     -M prepared with the page view 2 reads (PAGE, 45 at 80x24;
#            src/model/escalation.c prepares it once per connection: a
#            reload executes it, no planning);
#   cap:     the same, reading 500 a reload (what view 2 did before it
#            read a page at a time, and what the CLI reads);
#   before:  -M extended, the statement of commit 7ea8aca (the live row's
#            columns repeated on every step of its chain), kept in
#            tests/bench/esc_list_before.sql.
# Rounds alternate the order; medians of the rounds' mean latency, and
# the load average before and after; then the server's CPU time per reload
# (log_statement_stats: user + system of every message, one session of PER
# reloads per variant), which does not depend on the load. EXPLAIN (ANALYZE, BUFFERS) of the
# prepared statement's sixth execution (the generic plan) goes to
# PERF_DIR/out-TICKETS/esc_reload.explain.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
TICKETS=${TICKETS:-1000000}
ROUNDS=${ROUNDS:-15}
PER=${PER:-20}
PAGE=${PAGE:-45}    # what view 2 reads at 80x24 (load_end: two chunks of two screenfuls, plus one)
PERF_DIR=${PERF_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ticketty-bench}
PGBIN=$(pg_config --bindir)
BIN="$ROOT/$BUILD/ticketty"
DB=t$TICKETS
PG=$PERF_DIR/pg
OUT=$PERF_DIR/out-$TICKETS
cd "$ROOT"
make -s -j2 "$BUILD/ticketty"
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ -d "$PG/data" ] || { echo "no data set in $PERF_DIR: run tests/bench/perf_bench.sh first" >&2; exit 69; }
if ! as_owner "$PGBIN/pg_ctl" -D "$PG/data" status >/dev/null 2>&1; then
	as_owner "$PGBIN/pg_ctl" -D "$PG/data" -l "$PG/server.log" -w -t 120 \
		-o "-k $PG -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB" \
		start >/dev/null
	trap 'as_owner "$PGBIN/pg_ctl" -D "$PG/data" -m fast -w stop >/dev/null 2>&1 || true' EXIT INT TERM
fi
export PGHOST="$PG"
mkdir -p "$OUT"
[ "$(id -u)" -eq 0 ] && chown postgres "$OUT"
su_psql() { "$PGBIN/psql" -X -qAt -U postgres -d "$DB" "$@"; }

# the statement the binary sends, its parameters made literal for pgbench
su_psql -c "ALTER ROLE bencher SET log_statement = 'all'"
start=$(stat -c %s "$PG/server.log")
PGUSER=bencher "$BIN" --db "dbname=$DB" escalations >/dev/null
sleep 0.2
su_psql -c "ALTER ROLE bencher RESET log_statement"
tail -c +"$((start + 1))" "$PG/server.log" | awk '/execute tt_esc_list:/ { sub(/^.*execute tt_esc_list: /, ""); print; exit }' \
	>"$OUT/esc_now.sql"
[ -s "$OUT/esc_now.sql" ] || { echo "could not capture the statement" >&2; exit 70; }
# now: the page view 2 reads (ESC_PAGE); cap: the same statement reading
# the 500 view 2 read on every reload before it paged
for v in now cap before; do
	case $v in
	now) src="$OUT/esc_now.sql" page=$PAGE ;;
	cap) src="$OUT/esc_now.sql" page=500 ;;
	*) src=tests/bench/esc_list_before.sql page=500 ;;
	esac
	# $5..$8: the key of the first page (level 4: before every level)
	{ sed "s/\\\$1::text/NULL::text/g; s/\\\$2::boolean/false/g; s/\\\$3::int/$page/g; s/\\\$4::text/NULL::text/g;
	       s/\\\$5::int/4/g; s/\\\$6::int/0/g; s/\\\$7::bigint/0/g; s/\\\$8::bigint/0/g" "$src"; echo ";"; } >"$OUT/esc_$v.pgb"
done
run() {  # run MODE FILE -> mean latency of PER reloads, ms
	PGOPTIONS='-c search_path=ticketty' "$PGBIN/pgbench" -n -M "$1" -t "$PER" -U bencher -f "$2" "$DB" 2>&1 \
		| awk '/latency average/ { print $4 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
: >"$OUT/esc_r_now"; : >"$OUT/esc_r_cap"; : >"$OUT/esc_r_before"
la0=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq 1 "$ROUNDS"); do
	if [ $((r % 2)) -eq 1 ]; then
		run prepared "$OUT/esc_now.pgb" >>"$OUT/esc_r_now"
		run prepared "$OUT/esc_cap.pgb" >>"$OUT/esc_r_cap"
		run extended "$OUT/esc_before.pgb" >>"$OUT/esc_r_before"
	else
		run extended "$OUT/esc_before.pgb" >>"$OUT/esc_r_before"
		run prepared "$OUT/esc_cap.pgb" >>"$OUT/esc_r_cap"
		run prepared "$OUT/esc_now.pgb" >>"$OUT/esc_r_now"
	fi
done
la1=$(cut -d' ' -f1-3 /proc/loadavg)
# CPU time the server spends per reload, whatever the load (wall time on
# a shared machine is mostly waiting for a core): log_statement_stats for
# one more session of PER reloads, every parse/bind/execute message summed
cpu() {  # cpu MODE FILE -> server CPU ms (user + system) per reload
	su_psql -c "ALTER ROLE bencher SET log_statement_stats = on"
	s=$(stat -c %s "$PG/server.log")
	run "$1" "$2" >/dev/null
	sleep 0.2
	su_psql -c "ALTER ROLE bencher RESET log_statement_stats"
	tail -c +"$((s + 1))" "$PG/server.log" | grep -E '^.![[:space:]]+[0-9.]+ s user' \
		| awk -v n="$PER" '{ t += $2 + $5 } END { printf "%.2f\n", t * 1000 / n }'
}
bytes() { { cat "$1"; } | PGOPTIONS='-c search_path=ticketty' "$PGBIN/psql" -X -qAt -U bencher -d "$DB" -f - | wc -c; }
echo "view 2 reload at $TICKETS tickets ($(su_psql -c "SELECT count(*) FROM ticketty.escalations WHERE state IN ('open', 'acknowledged')") live escalations), medians of $ROUNDS rounds of $PER reloads:"
echo "  now (page of $PAGE, prepared): $(median <"$OUT/esc_r_now") ms wall, $(cpu prepared "$OUT/esc_now.pgb") ms server CPU   ($(bytes "$OUT/esc_now.pgb") bytes as text)"
echo "  500 a reload (prepared):     $(median <"$OUT/esc_r_cap") ms wall, $(cpu prepared "$OUT/esc_cap.pgb") ms server CPU   ($(bytes "$OUT/esc_cap.pgb") bytes as text)"
echo "  before (7ea8aca, planned):  $(median <"$OUT/esc_r_before") ms wall, $(cpu extended "$OUT/esc_before.pgb") ms server CPU   ($(bytes "$OUT/esc_before.pgb") bytes as text)"
echo "  load average $la0 -> $la1"
q=$(sed 's/;*$//' "$OUT/esc_now.sql")
{
	echo "PREPARE s AS $q;"
	for _ in 1 2 3 4 5; do echo "EXECUTE s(NULL, 'f', $PAGE, NULL, 4, 0, 0, 0);"; done
	echo "\\o $OUT/esc_reload.explain"
	echo "EXPLAIN (ANALYZE, BUFFERS) EXECUTE s(NULL, 'f', $PAGE, NULL, 4, 0, 0, 0);"
} | PGOPTIONS='-c search_path=ticketty' "$PGBIN/psql" -X -qAt -U bencher -d "$DB" -o /dev/null -f -
echo "  plan: $OUT/esc_reload.explain ($(grep -E 'Execution Time' "$OUT/esc_reload.explain"))"
