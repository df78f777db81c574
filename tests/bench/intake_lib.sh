# Shared by intake_bench.sh and intake_ab.sh (sourced; the caller sets
# PSQL, the real psql, and AGENT, the engineer's login, before calling the
# SQL writers): the intake payloads and the statements each side sends.
psql() { "$PSQL" -X -qAt -v ON_ERROR_STOP=1 "$@"; }

# intake_desk DB BIN TICKETS: database DB made, migrated and given
# TICKETS demo tickets by BIN, then analysed; AGENT set to its first
# active engineer's login
intake_desk() {
	psql -d postgres -c "CREATE DATABASE $1"
	"$2" --db "dbname=$1" db migrate >/dev/null
	"$2" --db "dbname=$1" db seed-demo --tickets "$3" >/dev/null
	psql -d "$1" -c "VACUUM ANALYZE"
	AGENT=$(psql -d "$1" -c "SELECT login FROM ticketty.agents WHERE role = 'engineer' AND active ORDER BY id LIMIT 1")
}

# intake_payloads DB TOTAL: public.bench_payload, payloads n = 1 .. TOTAL
# as JSON text with the columns the owner's INSERT gets for the same
# ticket, and the bare tables (a ticket and its audit row with no index
# but the keys, no trigger, no foreign key).
intake_payloads() {
	psql -d "$1" <<SQL
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
             FROM generate_series(1, $2) n)
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
}

# intake_api_sql DB FIRST LAST: api_ticket_create of payloads FIRST..LAST
intake_api_sql() {
	psql -d "$1" -c "SELECT 'SELECT ticketty.api_ticket_create(' || quote_literal(payload::text) || ');'
	                   FROM public.bench_payload WHERE n BETWEEN $2 AND $3 ORDER BY n"
}

# intake_floor_sql DB FIRST LAST TICKETS EVENTS EXTRA_COLUMNS EXTRA_VALUES:
# the owner's two INSERTs of tickets FIRST..LAST into the tables named
intake_floor_sql() {
	db=$1
	shift
	psql -d "$db" -c "SELECT format('WITH t AS (INSERT INTO $3 (${5}customer_id, contact_id,'
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

# intake_many_sql DB FIRST LAST BATCH: api_ticket_create_many of payloads
# FIRST..LAST, BATCH to a call, each call's array a literal (as
# `ticketty ticket import` sends them)
intake_many_sql() {
	psql -d "$1" -c "SELECT 'SELECT count(ticket_id) FROM ticketty.api_ticket_create_many('
	                        || quote_literal(jsonb_agg(payload ORDER BY n)::text) || ');'
	                   FROM public.bench_payload WHERE n BETWEEN $2 AND $3
	                  GROUP BY (n - $2) / $4 ORDER BY (n - $2) / $4"
}
