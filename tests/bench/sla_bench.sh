#!/bin/sh
# SLA engine benchmark (not a test): in a throwaway cluster, loads N
# tickets (default 1 million) set-based through the real BEFORE INSERT
# trigger, then measures
#   1. 1M calls of business_add and of business_seconds;
#   2. the 50-row queue page query (open tickets by severity, next_due,
#      created_at, id) without and with ticket_sla() per row, averaged over
#      many runs, first page and a deep keyset page.
# Usage: make && sh tests/bench/sla_bench.sh [N]     (BUILD=build by default)
# Record the figures in tests/bench/README.
set -eu
N=${1:-1000000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN="$ROOT/${BUILD:-build}/ticketty"
[ -x "$BIN" ] || { echo "build ticketty first (make)" >&2; exit 1; }
eval "$(sh "$ROOT/tests/lib/pgtmp.sh" start)"
trap 'sh "$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP_DIR"' EXIT INT TERM
psql -qX -c "CREATE DATABASE bench" >/dev/null
"$BIN" --db dbname=bench db migrate >/dev/null
P="psql -X -q -d bench -v ON_ERROR_STOP=1"

echo "== loading $N tickets (BEFORE INSERT trigger computes every deadline)"
start=$(date +%s)
$P <<SQL
SET search_path = ticketty;
INSERT INTO customers (name, member_id, plan)
SELECT 'Customer ' || g, 1000 + g, CASE WHEN g % 3 = 0 THEN 'premium' ELSE 'basic' END::plan_kind
  FROM generate_series(1, 100) g;
INSERT INTO contacts (customer_id, name, email, spoc)
SELECT id, 'Contact ' || id, 'c' || id || '@example.test', true FROM customers;
INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity, status,
                     title, description, impact, object_ids, member_id, repro_steps, browser, os,
                     phone, bug_ref, calendar_id, plan, created_at, updated_at, acknowledged_at,
                     resolved_at, closed_at)
SELECT c.id, c.id, 1 + g % 11, 1 + g % 5, 1 + g % 4, s.sev, s.st,
       'Ticket ' || g, 'description', 'impact', ARRAY[g::text], 1000 + c.id, 'steps',
       'Firefox 128', 'Linux 6.1', '+1 555 0100', 'BUG-' || g, 1, c.plan, s.created, s.created,
       CASE WHEN s.st <> 'new' THEN s.created + interval '37 minutes' * (1 + g % 19) END,
       CASE WHEN s.st IN ('resolved', 'closed') THEN s.created + interval '9 hours' * (1 + g % 7) END,
       CASE WHEN s.st = 'closed' THEN s.created + interval '10 days' END
  FROM generate_series(1, $N) g
  JOIN customers c ON c.id = 1 + g % 100
  CROSS JOIN LATERAL (SELECT (1 + (g * 7) % 4)::smallint AS sev,
                             (ARRAY['closed','closed','closed','closed','resolved','new',
                                    'acknowledged','in_progress','waiting_engineering',
                                    'in_progress'])[1 + (g * 13) % 10]::ticket_status AS st,
                             timestamptz '2025-01-01 00:00 UTC'
                               + (interval '2 years' * (g::double precision / $N)) AS created) s;
ANALYZE;
SQL
echo "loaded in $(( $(date +%s) - start )) s"

$P <<'SQL'
SET search_path = ticketty;
SELECT count(*) AS open_tickets FROM tickets WHERE is_open;

\echo == 50-row queue page: each form run 400 times, interleaved with the plain page so that
\echo == the load of the machine hits both alike; median and 90th percentile ms per page
CREATE TEMP TABLE timing (query text, ms float8);
DO $$
DECLARE
    q text[] := ARRAY[
      'first page, plain',
      'SELECT t.id, t.severity, t.status, t.title, t.next_due FROM tickets t WHERE t.is_open
        ORDER BY t.severity, t.next_due, t.created_at, t.id LIMIT 50',
      'first page + ticket_sla (target list)',
      'SELECT x.id, x.severity, x.status, x.title, x.next_due, (x.s).state, (x.s).kind, (x.s).due,
              (x.s).remaining_secs, (x.s).clock
         FROM (SELECT t.id, t.severity, t.status, t.title, t.next_due, ticket_sla(t) AS s
                 FROM tickets t WHERE t.is_open
                ORDER BY t.severity, t.next_due, t.created_at, t.id LIMIT 50) x',
      'first page + ticket_sla (LATERAL)',
      'SELECT t.id, t.severity, t.status, t.title, t.next_due, s.state, s.kind, s.due, s.remaining_secs, s.clock
         FROM (SELECT * FROM tickets t WHERE t.is_open
                ORDER BY t.severity, t.next_due, t.created_at, t.id LIMIT 50) t,
              LATERAL ticket_sla(t) s
        ORDER BY t.severity, t.next_due, t.created_at, t.id',
      'severity-3 page (business clock), plain',
      'SELECT t.id, t.severity, t.status, t.title, t.next_due FROM tickets t WHERE t.is_open
          AND (t.severity, t.next_due, t.created_at, t.id) > (3, timestamptz ''2026-06-01'', timestamptz ''2000-01-01'', 0)
        ORDER BY t.severity, t.next_due, t.created_at, t.id LIMIT 50',
      'severity-3 page + ticket_sla (target list)',
      'SELECT x.id, x.severity, x.status, x.title, x.next_due, (x.s).state, (x.s).kind, (x.s).due,
              (x.s).remaining_secs, (x.s).clock
         FROM (SELECT t.id, t.severity, t.status, t.title, t.next_due, ticket_sla(t) AS s
                 FROM tickets t WHERE t.is_open
                  AND (t.severity, t.next_due, t.created_at, t.id) > (3, timestamptz ''2026-06-01'', timestamptz ''2000-01-01'', 0)
                ORDER BY t.severity, t.next_due, t.created_at, t.id LIMIT 50) x'];
    i int; r int; t0 timestamptz;
BEGIN
    FOR r IN 1 .. 20 LOOP
        FOR i IN 1 .. array_length(q, 1) BY 2 LOOP EXECUTE q[i + 1]; END LOOP;   -- warm up
    END LOOP;
    FOR r IN 1 .. 400 LOOP
        FOR i IN 1 .. array_length(q, 1) BY 2 LOOP
            t0 := clock_timestamp();
            EXECUTE q[i + 1];
            INSERT INTO timing VALUES (q[i], extract(epoch FROM clock_timestamp() - t0) * 1000);
        END LOOP;
    END LOOP;
END $$;
SELECT query, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 3) AS median_ms,
       round(percentile_cont(0.9) WITHIN GROUP (ORDER BY ms)::numeric, 3) AS p90_ms
  FROM timing GROUP BY query ORDER BY min(ctid);

\echo == 1M calls each
\timing on
SELECT count(business_add(1::smallint, timestamptz '2026-01-01' + g * interval '97 seconds', (g % 5400) * 60 + 60))
  FROM generate_series(1, 1000000) g;
SELECT count(business_seconds(1::smallint, timestamptz '2026-01-01' + g * interval '97 seconds',
                              timestamptz '2026-01-03' + g * interval '131 seconds'))
  FROM generate_series(1, 1000000) g;
\timing off
SQL
uptime
