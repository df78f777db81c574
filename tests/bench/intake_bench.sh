#!/bin/sh
# Intake throughput (issue #19): tickets per second through
# api_ticket_create in ONE session, one statement (and so one transaction)
# per ticket, as the real psql ($(pg_config --bindir)/psql) sends them from
# a script as an agent login. Beside it, interleaved, the floor: the same
# tickets as plain INSERTs of the already-resolved columns plus their
# 'created' audit row, run by the owner (every trigger of the tickets and
# ticket_events tables still fires: SLA, search, dashboard rollups, mail).
# The difference is what checking and routing a ticket costs.
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
BIN="$ROOT/$BUILD/ticketty"
PSQL="$(pg_config --bindir)/psql"
cd "$ROOT"
make -s -j2 "$BUILD/ticketty"

eval "$(sh tests/lib/pgtmp.sh start)"
trap 'sh "$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP_DIR"' EXIT INT TERM
WORK=$PGTMP_DIR/intake
mkdir -p "$WORK"
DB=intake
psql() { "$PSQL" -X -qAt -v ON_ERROR_STOP=1 "$@"; }
psql -d postgres -c "CREATE DATABASE $DB"
"$BIN" --db "dbname=$DB" db migrate >/dev/null
"$BIN" --db "dbname=$DB" db seed-demo --tickets "$TICKETS" >/dev/null
psql -d "$DB" -c "VACUUM ANALYZE"
AGENT=$(psql -d "$DB" -c "SELECT login FROM ticketty.agents WHERE role = 'engineer' AND active ORDER BY id LIMIT 1")

# payloads n = 1 .. ROUNDS*PER*2 (+ PER for the profile round), as JSON
# text, with the columns the owner's INSERT gets for the same ticket
TOTAL=$(( (ROUNDS * 3 + 5) * PER ))
psql -d "$DB" <<SQL
SET search_path = ticketty;
CREATE TABLE public.bench_payload AS
WITH c AS (SELECT row_number() OVER (ORDER BY c.id) AS i, c.*, k.id AS contact_id, k.email
             FROM customers c
             JOIN LATERAL (SELECT * FROM contacts k WHERE k.customer_id = c.id AND k.spoc AND k.active
                            ORDER BY k.id LIMIT 1) k ON true
            WHERE c.active),
     r AS (SELECT row_number() OVER (ORDER BY id) AS i, * FROM request_types WHERE NOT account_rep),
     g AS (SELECT n, 1 + n % (SELECT count(*) FROM c) AS ci, 1 + n % (SELECT count(*) FROM r) AS ri,
                  CASE WHEN n % 20 = 0 THEN 1 ELSE 2 + n % 3 END AS sev
             FROM generate_series(1, $TOTAL) n)
SELECT g.n, c.id AS customer_id, c.contact_id, r.id AS request_type_id, r.team_id,
       (SELECT id FROM case_reasons ORDER BY id LIMIT 1 OFFSET g.n % 4) AS reason_id, g.sev,
       c.calendar_id, c.plan,
       jsonb_strip_nulls(jsonb_build_object(
         'customer', c.name, 'contact', c.email, 'request_type', r.key,
         'reason', (SELECT key FROM case_reasons ORDER BY id LIMIT 1 OFFSET g.n % 4),
         'severity', g.sev,
         'title', 'Placements render blank on page ' || g.n,
         'description', 'Since this morning placement ' || (1000000 + g.n)
                        || ' shows empty frames although the auction has a winner.',
         'impact', 'A fifth of the home page impressions are lost.',
         'object_ids', (1000000 + g.n) || ', ' || (2000000 + g.n),
         'member_id', c.member_id,
         'bidder_id', CASE WHEN g.n % 3 = 0 THEN (g.n % 900 + 1)::text END,
         'repro_steps', E'1. Open the sports page.\n2. Look at the top slot.',
         'screenshots', CASE WHEN r.ui_related THEN 'https://shots.example/' || g.n || '.png' END,
         'browser', 'Firefox 133.0', 'os', 'Windows 11 23H2',
         'phone', CASE WHEN g.sev = 1 THEN '+1 555 0100' END)) AS payload
  FROM g JOIN c ON c.i = g.ci JOIN r ON r.i = g.ri;
GRANT SELECT ON public.bench_payload TO PUBLIC;
CREATE TABLE public.bare_tickets (LIKE tickets INCLUDING DEFAULTS INCLUDING GENERATED, PRIMARY KEY (id));
CREATE TABLE public.bare_events (LIKE ticket_events INCLUDING DEFAULTS, PRIMARY KEY (id));
SQL

# one psql script per side and round: timestamps around PER statements
# the owner's two INSERTs of tickets FIRST..LAST into the tables named
floor_sql() {  # floor_sql FIRST LAST TICKETS EVENTS EXTRA_COLUMNS EXTRA_VALUES
	psql -d "$DB" -c "SELECT format('WITH t AS (INSERT INTO $3 (${5}customer_id, contact_id,'
	  ' request_type_id, team_id, reason_id, severity, status, title, description, impact, object_ids,'
	  ' member_id, bidder_id, repro_steps, screenshots, browser, os, phone, extra, created_by,'
	  ' calendar_id, plan) VALUES (${6}%s, %s, %s, %s, %s, %s, ''new'', %L, %L, %L, %L, %s, %s, %L, %L, %L, %L, %L,'
	  ' ''{}'', %s, %s, %L) RETURNING id) INSERT INTO $4 (ticket_id, actor_id, kind,'
	  ' version, details) SELECT t.id, %s, ''created'', 1, %L FROM t;',
	  customer_id, contact_id, request_type_id, team_id, reason_id, sev, payload->>'title',
	  payload->>'description', payload->>'impact',
	  ARRAY[(1000000 + n)::text, (2000000 + n)::text], payload->>'member_id',
	  coalesce(payload->>'bidder_id', 'NULL'), payload->>'repro_steps',
	  CASE WHEN payload ? 'screenshots' THEN ARRAY[payload->>'screenshots'] ELSE '{}' END,
	  payload->>'browser', payload->>'os', payload->>'phone', (SELECT id FROM ticketty.agents
	  WHERE login = '$AGENT'), calendar_id, plan, (SELECT id FROM ticketty.agents WHERE login = '$AGENT'),
	  jsonb_build_object('customer', customer_id, 'severity', sev))
	  FROM public.bench_payload WHERE n BETWEEN $1 AND $2 ORDER BY n"
}
script() {  # script SIDE FIRST LAST FILE
	{
		echo "SELECT extract(epoch FROM clock_timestamp());"
		case $1 in
		api)
			psql -d "$DB" -c "SELECT 'SELECT ticketty.api_ticket_create(' || quote_literal(payload::text) || ');'
			                    FROM public.bench_payload WHERE n BETWEEN $2 AND $3 ORDER BY n" ;;
		floor) floor_sql "$2" "$3" ticketty.tickets ticketty.ticket_events "" "" ;;
		bare) floor_sql "$2" "$3" public.bare_tickets public.bare_events \
			"first_response_due, resolution_due, " "now(), now(), " ;;
		esac
		echo "SELECT extract(epoch FROM clock_timestamp());"
	} >"$4"
}
run() {  # run SIDE FILE -> tickets per second
	if [ "$1" = api ]; then u=$AGENT; else u=postgres; fi
	psql -U "$u" -d "$DB" -f "$2" | awk -v n="$PER" 'NR == 1 { a = $1 } END { printf "%.1f\n", n / ($1 - a) }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

next=1
for r in $(seq 1 "$ROUNDS"); do
	script api $next $((next + PER - 1)) "$WORK/api.$r.sql"; next=$((next + PER))
	script floor $next $((next + PER - 1)) "$WORK/floor.$r.sql"; next=$((next + PER))
	script bare $next $((next + PER - 1)) "$WORK/bare.$r.sql"; next=$((next + PER))
done
# one warm-up statement of each kind outside the timed rounds
echo "api_ticket_create warm-up ticket: $(psql -U "$AGENT" -d "$DB" -c \
	"SELECT ticketty.api_ticket_create(payload) FROM public.bench_payload WHERE n = $TOTAL")"

la0=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$WORK/api.txt"
: >"$WORK/floor.txt"
: >"$WORK/bare.txt"
for r in $(seq 1 "$ROUNDS"); do
	if [ $((r % 2)) -eq 1 ]; then
		run api "$WORK/api.$r.sql" >>"$WORK/api.txt"
		run floor "$WORK/floor.$r.sql" >>"$WORK/floor.txt"
		run bare "$WORK/bare.$r.sql" >>"$WORK/bare.txt"
	else
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
	if [ "$1" = api ]; then u=$AGENT; else u=postgres; fi
	psql -d "$DB" -c "ALTER ROLE \"$u\" SET log_statement_stats = on"
	s=$(stat -c %s "$PGTMP_DIR/server.log")
	psql -U "$u" -d "$DB" -f "$WORK/cpu.$1.sql" >/dev/null
	sleep 0.2
	psql -d "$DB" -c "ALTER ROLE \"$u\" RESET log_statement_stats"
	# the first two are the clock read and the first ticket, which compiles
	# every function and trigger of the new session
	tail -c +"$((s + 1))" "$PGTMP_DIR/server.log" | grep -E '^.![[:space:]]+[0-9.]+ s user' \
		| awk -v n="$PER" 'NR > 2 { t += $2 + $5 } END { printf "%.3f\n", t * 1000 / (n - 1) }'
}
ca=$(cpu api $next); next=$((next + PER))
cf=$(cpu floor $next); next=$((next + PER))
cb=$(cpu bare $next); next=$((next + PER))
a=$(median <"$WORK/api.txt")
f=$(median <"$WORK/floor.txt")
b=$(median <"$WORK/bare.txt")
echo "intake, one session, one statement per ticket, $TICKETS tickets in the database, $ROUNDS rounds of $PER:"
echo "  api_ticket_create            median $a tickets/s, server CPU $ca ms/ticket   (rounds: $(tr '\n' ' ' <"$WORK/api.txt"))"
echo "  plain INSERT + audit (owner) median $f tickets/s, server CPU $cf ms/ticket   (rounds: $(tr '\n' ' ' <"$WORK/floor.txt"))"
echo "  bare row + audit row (owner) median $b tickets/s, server CPU $cb ms/ticket   (rounds: $(tr '\n' ' ' <"$WORK/bare.txt"))"
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
