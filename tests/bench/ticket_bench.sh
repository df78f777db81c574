#!/bin/sh
# Ticket view benchmark: on a throwaway cluster, loads TICKETS tickets
# (default 1,000,000, a fifth of them open) plus about a million comments
# and a million audit events spread over them, gives one open ticket 100
# public replies/notes and 100 events (a 200-entry timeline), then times
# loading that ticket as the ticket view does (ticket_detail_load +
# ticket_timeline_load of 200 entries, through the real model code, as an
# agent login) and `ticketty ticket show` end to end.
#   sh tests/bench/ticket_bench.sh            (BUILD=build TICKETS=1000000 ROUNDS=200)
# Figures go to tests/bench/README (section "Ticket view").
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
TICKETS=${TICKETS:-1000000}
ROUNDS=${ROUNDS:-200}
cd "$ROOT"

make -s -j2 "$BUILD/ticketty" "$BUILD/libticketty.a"
mkdir -p "$BUILD/bench"
PKGS="ncursesw libpq libconfig"
PKG_CFLAGS=$(for f in $(pkg-config --cflags $PKGS); do
	case "$f" in -D_XOPEN_SOURCE=*|-D_DEFAULT_SOURCE) ;; *) printf '%s ' "$f" ;; esac
done)
# shellcheck disable=SC2046,SC2086
cc -std=c11 -O2 -Wall -Wextra -Werror -Iinclude -I"$BUILD/gen" -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
	$PKG_CFLAGS -o "$BUILD/bench/ticket_bench" tests/bench/ticket_bench.c \
	"$BUILD/libticketty.a" $(pkg-config --libs $PKGS)

eval "$(sh tests/lib/pgtmp.sh start)"
trap 'sh "$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP_DIR"' EXIT INT TERM
psql -qX -c "CREATE DATABASE bench" >/dev/null
"$BUILD/ticketty" --db dbname=bench db migrate >/dev/null

start=$(date +%s)
psql -qX -v ON_ERROR_STOP=1 -v tickets="$TICKETS" bench <<'SQL'
SET search_path = ticketty;
SET client_min_messages = warning;
-- bulk load: the SLA columns are given, so the per-row triggers are not needed
ALTER TABLE tickets DISABLE TRIGGER USER;
DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bencher') THEN
    CREATE ROLE bencher LOGIN IN ROLE ticketty_engineer; END IF; END $$;
INSERT INTO agents (login, display_name, role, team_id)
SELECT 'agent' || g, 'Agent ' || g, 'engineer', 1 + g % 5 FROM generate_series(1, 50) g;
INSERT INTO agents (login, display_name, role, team_id) VALUES ('bencher', 'Bench Agent', 'engineer', 1);
INSERT INTO customers (name, member_id, plan, csm_id)
SELECT 'Customer ' || g, 10000 + g, (CASE WHEN g % 3 = 0 THEN 'premium' ELSE 'basic' END)::plan_kind, 1 + g % 50
  FROM generate_series(1, 1000) g;
INSERT INTO contacts (customer_id, name, email, phone, spoc)
SELECT id, 'Contact ' || id, 'c' || id || '@example.com', '+1 555 ' || id, true FROM customers;
INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity, status,
                     title, description, impact, object_ids, member_id, repro_steps, browser, os, phone,
                     bug_ref, assignee_id, calendar_id, plan, created_at, updated_at,
                     first_response_due, acknowledged_at, resolution_due, resolved_at, closed_at)
SELECT c.id, c.id, rt.id, rt.team_id, 1 + g % 4, 1 + g % 4, s.status,
       'Ticket ' || g || ': line items stop delivering', repeat('Description text. ', 20),
       'Revenue at risk.', ARRAY['li-' || g, 'cmp-' || g], 10000 + c.id,
       '1. open the report 2. compare', 'Firefox 128.0', 'Windows 11', '+1 555 0100',
       CASE WHEN s.status = 'waiting_engineering' THEN 'ENG-' || g END,
       CASE WHEN g % 3 = 0 THEN NULL ELSE 1 + g % 50 END,
       1, c.plan, at, at,
       at + interval '4 hours', CASE WHEN s.status <> 'new' THEN at + interval '1 hour' END,
       at + interval '3 days',
       CASE WHEN s.status IN ('resolved', 'closed') THEN at + interval '2 days' END,
       CASE WHEN s.status = 'closed' THEN at + interval '3 days' END
  FROM generate_series(1, :tickets) g
  CROSS JOIN LATERAL (SELECT now() - interval '400 days' + g * interval '30 seconds' AS at) t
  CROSS JOIN LATERAL (SELECT (CASE WHEN g % 5 <> 0 THEN (ARRAY['resolved', 'closed'])[1 + g % 2]
                              ELSE (ARRAY['new', 'acknowledged', 'in_progress', 'waiting_customer',
                                          'waiting_engineering'])[1 + (g / 5) % 5] END)::ticket_status
                      AS status) s
  JOIN customers c ON c.id = 1 + g % 1000
  JOIN LATERAL (SELECT id, team_id FROM request_types WHERE team_id IS NOT NULL
                ORDER BY position OFFSET g % 5 LIMIT 1) rt ON true;
ALTER TABLE tickets ENABLE TRIGGER USER;
-- a million comments and a million audit events over the whole table
INSERT INTO comments (ticket_id, author_id, kind, body, created_at)
SELECT 1 + (g::bigint * 7919) % :tickets, 1 + g % 50, (CASE WHEN g % 2 = 0 THEN 'public' ELSE 'internal' END)::comment_kind,
       'Reply number ' || g, now() - interval '300 days' + g * interval '20 seconds'
  FROM generate_series(1, 1000000) g;
INSERT INTO ticket_events (ticket_id, actor_id, at, kind, version, details)
SELECT 1 + (g::bigint * 104729) % :tickets, 1 + g % 50, now() - interval '300 days' + g * interval '20 seconds',
       'status', 2, '{"from": "acknowledged", "to": "in_progress"}'
  FROM generate_series(1, 1000000) g;
SQL
# the benchmarked ticket: open, with 100 comments and 100 events
BENCH_ID=$(psql -qXtA bench <<'SQL'
SET search_path = ticketty;
WITH t AS (SELECT id FROM tickets WHERE status = 'in_progress' ORDER BY id DESC LIMIT 1),
     c AS (INSERT INTO comments (ticket_id, author_id, kind, body, created_at)
           SELECT t.id, 1 + g % 50, (CASE WHEN g % 3 = 0 THEN 'internal' ELSE 'public' END)::comment_kind,
                  'Comment ' || g || E'\nwith a second line', now() - interval '1 day' + g * interval '5 minutes'
             FROM t, generate_series(1, 100) g RETURNING ticket_id),
     e AS (INSERT INTO ticket_events (ticket_id, actor_id, at, kind, version, details)
           SELECT t.id, 1 + g % 50, now() - interval '1 day' + g * interval '5 minutes' + interval '1 second',
                  'note', 2 + g, '{"comment": 0}'
             FROM t, generate_series(1, 100) g RETURNING ticket_id)
SELECT (SELECT id FROM t) WHERE (SELECT count(*) FROM c) + (SELECT count(*) FROM e) = 200;
SQL
)
psql -qX -c "VACUUM ANALYZE" bench
loaded=$(($(date +%s) - start))
counts=$(psql -qXtA -c "SELECT count(*) || ' tickets, ' || count(*) FILTER (WHERE is_open) || ' open' FROM ticketty.tickets" bench)
echo "loaded in ${loaded}s: $counts; benchmarked ticket $BENCH_ID"

"$BUILD/bench/ticket_bench" "dbname=bench user=bencher" "$BENCH_ID" "$ROUNDS"

# end to end: the whole `ticketty ticket show` process (connect, all queries, print)
runs=20
t0=$(date +%s%N)
i=0
while [ $i -lt $runs ]; do
	PGUSER=bencher "$BUILD/ticketty" --db "dbname=bench" ticket show "$BENCH_ID" >/dev/null
	i=$((i + 1))
done
t1=$(date +%s%N)
echo "ticketty ticket show $BENCH_ID (200 timeline entries, process start to exit): $(( (t1 - t0) / runs / 1000 )) us per run, mean of $runs"
