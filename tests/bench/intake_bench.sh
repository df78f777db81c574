#!/bin/sh
# Intake throughput (issue #19): tickets per second through
# api_ticket_create in ONE session, one statement (and so one transaction)
# per ticket, as the real psql ($(pg_config --bindir)/psql) sends them from
# a script as an agent login. Beside it, interleaved, the floor: the same
# tickets as plain INSERTs of the already-resolved columns plus their
# 'created' audit row, run by the owner (every trigger of the tickets and
# ticket_events tables still fires: SLA, search, dashboard rollups, mail).
# The difference is what checking and routing a ticket costs.
# A fourth side, the import: the same kind of payloads through
# api_ticket_create_many, BATCH (500) to a call, as an agent login: what
# `ticketty ticket import` sends.
# A third side, the bare row: the same two INSERTs into copies of tickets
# and ticket_events that keep their columns, defaults and primary keys but
# no other index, no trigger and no foreign key (the SLA due columns given
# as now()), run by the owner: what this machine takes to store a ticket
# and its audit row one statement at a time, before any rule.
#
#   sh tests/bench/intake_bench.sh     (TICKETS=10000 ROUNDS=9 PER=500 BUILD=build)
#
# Each round runs both sides, alternating which goes first, on PER new
# payloads each (valid tickets over every customer, SPOC contact, non-rep
# request type, reason and severity; every 20th a severity-1 emergency with
# a phone; UI types with screenshots). The time is taken inside the
# session (clock_timestamp() before the first and after the last
# statement), so process start and connection are not counted. Prints
# medians of the rounds and the load average before and after. With
# PROFILE=1 it also prints pg_stat_user_functions (track_functions = all)
# for one extra round of api_ticket_create: calls and self/total ms per
# ticket.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
TICKETS=${TICKETS:-10000}
ROUNDS=${ROUNDS:-9}
PER=${PER:-500}
PROFILE=${PROFILE:-0}
BATCH=${BATCH:-500}
BIN="$ROOT/$BUILD/ticketty"
PSQL="$(pg_config --bindir)/psql"
cd "$ROOT"
make -s -j2 "$BUILD/ticketty"

eval "$(sh tests/lib/pgtmp.sh start)"
trap 'sh "$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP_DIR"' EXIT INT TERM
WORK=$PGTMP_DIR/intake
mkdir -p "$WORK"
DB=intake
. "$ROOT/tests/bench/intake_lib.sh"
intake_desk "$DB" "$BIN" "$TICKETS"

# payloads n = 1 .. ROUNDS*PER*2 (+ PER for the profile round), as JSON
# text, with the columns the owner's INSERT gets for the same ticket
TOTAL=$(( (ROUNDS * 4 + 6) * PER ))
intake_payloads "$DB" "$TOTAL"

# one psql script per side and round: timestamps around PER statements
script() {  # script SIDE FIRST LAST FILE
	{
		echo "SELECT extract(epoch FROM clock_timestamp());"
		case $1 in
		api) intake_api_sql "$DB" "$2" "$3" ;;
		import) intake_many_sql "$DB" "$2" "$3" "$BATCH" ;;
		floor) intake_floor_sql "$DB" "$2" "$3" ticketty.tickets ticketty.ticket_events "" "" ;;
		bare) intake_floor_sql "$DB" "$2" "$3" public.bare_tickets public.bare_events \
			"first_response_due, resolution_due, " "now(), now(), " ;;
		esac
		echo "SELECT extract(epoch FROM clock_timestamp());"
	} >"$4"
}
run() {  # run SIDE FILE -> tickets per second
	case $1 in api | import) u=$AGENT ;; *) u=postgres ;; esac
	psql -U "$u" -d "$DB" -f "$2" | awk -v n="$PER" 'NR == 1 { a = $1 } END { printf "%.1f\n", n / ($1 - a) }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

next=1
for r in $(seq 1 "$ROUNDS"); do
	script api $next $((next + PER - 1)) "$WORK/api.$r.sql"; next=$((next + PER))
	script floor $next $((next + PER - 1)) "$WORK/floor.$r.sql"; next=$((next + PER))
	script bare $next $((next + PER - 1)) "$WORK/bare.$r.sql"; next=$((next + PER))
	script import $next $((next + PER - 1)) "$WORK/import.$r.sql"; next=$((next + PER))
done
# one warm-up statement of each kind outside the timed rounds
echo "api_ticket_create warm-up ticket: $(psql -U "$AGENT" -d "$DB" -c \
	"SELECT ticketty.api_ticket_create(payload) FROM public.bench_payload WHERE n = $TOTAL")"
echo "api_ticket_create_many warm-up ticket: $(psql -U "$AGENT" -d "$DB" -c \
	"SELECT ticket_id FROM ticketty.api_ticket_create_many((SELECT jsonb_agg(payload) FROM public.bench_payload WHERE n = $((TOTAL - 1))))")"

la0=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$WORK/api.txt"
: >"$WORK/floor.txt"
: >"$WORK/bare.txt"
: >"$WORK/import.txt"
for r in $(seq 1 "$ROUNDS"); do
	if [ $((r % 2)) -eq 1 ]; then
		run api "$WORK/api.$r.sql" >>"$WORK/api.txt"
		run floor "$WORK/floor.$r.sql" >>"$WORK/floor.txt"
		run bare "$WORK/bare.$r.sql" >>"$WORK/bare.txt"
		run import "$WORK/import.$r.sql" >>"$WORK/import.txt"
	else
		run import "$WORK/import.$r.sql" >>"$WORK/import.txt"
		run bare "$WORK/bare.$r.sql" >>"$WORK/bare.txt"
		run floor "$WORK/floor.$r.sql" >>"$WORK/floor.txt"
		run api "$WORK/api.$r.sql" >>"$WORK/api.txt"
	fi
done
la1=$(cut -d' ' -f1-3 /proc/loadavg)
# the server's CPU time per ticket (user + system, log_statement_stats for
# one more round of each side, its first ticket left out): what a ticket
# costs whatever the load
cpu() {  # cpu SIDE FIRST -> server CPU ms per ticket
	script "$1" "$2" $(($2 + PER - 1)) "$WORK/cpu.$1.sql"
	n=$((PER - 1))
	if [ "$1" = import ]; then
		# a call of one ticket first compiles it all (payload TOTAL - 2,
		# unused): every batch is counted, all PER tickets
		sed -i "1a SELECT count(ticket_id) FROM ticketty.api_ticket_create_many((SELECT jsonb_agg(payload) FROM public.bench_payload WHERE n = $((TOTAL - 2))));" \
			"$WORK/cpu.$1.sql"
		n=$PER
	fi
	case $1 in api | import) u=$AGENT ;; *) u=postgres ;; esac
	psql -d "$DB" -c "ALTER ROLE \"$u\" SET log_statement_stats = on"
	s=$(stat -c %s "$PGTMP_DIR/server.log")
	psql -U "$u" -d "$DB" -f "$WORK/cpu.$1.sql" >/dev/null
	sleep 0.2
	psql -d "$DB" -c "ALTER ROLE \"$u\" RESET log_statement_stats"
	# the first two are the clock read and the first ticket (or call),
	# which compiles every function and trigger of the new session
	tail -c +"$((s + 1))" "$PGTMP_DIR/server.log" | grep -E '^.![[:space:]]+[0-9.]+ s user' \
		| awk -v n="$n" 'NR > 2 { t += $2 + $5 } END { printf "%.3f\n", t * 1000 / n }'
}
ca=$(cpu api $next); next=$((next + PER))
cf=$(cpu floor $next); next=$((next + PER))
cb=$(cpu bare $next); next=$((next + PER))
ci=$(cpu import $next); next=$((next + PER))
a=$(median <"$WORK/api.txt")
f=$(median <"$WORK/floor.txt")
b=$(median <"$WORK/bare.txt")
i=$(median <"$WORK/import.txt")
echo "intake, one session, one statement per ticket, $TICKETS tickets in the database, $ROUNDS rounds of $PER:"
echo "  api_ticket_create            median $a tickets/s, server CPU $ca ms/ticket   (rounds: $(tr '\n' ' ' <"$WORK/api.txt"))"
echo "  plain INSERT + audit (owner) median $f tickets/s, server CPU $cf ms/ticket   (rounds: $(tr '\n' ' ' <"$WORK/floor.txt"))"
echo "  bare row + audit row (owner) median $b tickets/s, server CPU $cb ms/ticket   (rounds: $(tr '\n' ' ' <"$WORK/bare.txt"))"
echo "  api_ticket_create_many, $BATCH a call  median $i tickets/s, server CPU $ci ms/ticket   (rounds: $(tr '\n' ' ' <"$WORK/import.txt"))"
echo "  load average $la0 -> $la1"
echo "  tickets now: $(psql -d "$DB" -c "SELECT count(*) FROM ticketty.tickets")"

if [ "$PROFILE" = 1 ]; then
	psql -d "$DB" -c "ALTER SYSTEM SET track_functions = 'all'" -c "SELECT pg_reload_conf()" >/dev/null
	psql -d "$DB" -c "SELECT pg_stat_reset()" >/dev/null
	script api $next $((next + PER - 1)) "$WORK/profile.sql"
	echo "profile round: $(run api "$WORK/profile.sql") tickets/s (track_functions = all)"
	sleep 1
	psql -d "$DB" -F ' ' -c "SELECT rpad(funcname, 30), round(calls::numeric / $PER, 1) AS calls_per_ticket,
	                           round((self_time / $PER)::numeric, 3) AS self_ms, round((total_time / $PER)::numeric, 3) AS total_ms
	                      FROM pg_stat_user_functions WHERE schemaname = 'ticketty' ORDER BY total_time DESC"
fi
