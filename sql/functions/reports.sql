-- sql/functions/reports.sql: the dashboard's rollups and the reports read
-- from them (report sla, backlog, escalations).
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- report_zone
-- The zone report days are counted in.
CREATE OR REPLACE FUNCTION report_zone() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce((SELECT c.time_zone FROM calendars c WHERE c.is_default), 'UTC')
$$;

--- report_today
-- Today in the report zone, by the one clock.
CREATE OR REPLACE FUNCTION report_today() RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT (tt_now() AT TIME ZONE report_zone())::date
$$;

--- dashboard_cadence
-- The cadence outcome a change of a severity-1 ticket ends, mirroring the
-- update_missed_count rule of tickets_sla_update: a public reply while an
-- update was due (met when not after update_due), else the resolution (or
-- closing) of an open ticket while one was due, else the cadence stopped
-- on an open ticket (a move away from severity 1) after update_due:
-- missed, at the instant it stopped (720; before update_due nothing was
-- owed, nothing is counted).
CREATE OR REPLACE FUNCTION dashboard_cadence(o tickets, n tickets, OUT at timestamptz, OUT outcome sla_outcome)
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF o.update_due IS NULL THEN
        RETURN;
    END IF;
    IF n.last_public_reply_at IS DISTINCT FROM o.last_public_reply_at AND n.last_public_reply_at IS NOT NULL THEN
        at := n.last_public_reply_at;
    ELSIF o.status NOT IN ('resolved', 'closed') AND n.status IN ('resolved', 'closed') THEN
        at := CASE WHEN n.updated_at IS DISTINCT FROM o.updated_at THEN n.updated_at ELSE tt_now() END;
    ELSIF o.status NOT IN ('resolved', 'closed') AND n.status NOT IN ('resolved', 'closed')
          AND n.update_due IS NULL THEN
        at := CASE WHEN n.updated_at IS DISTINCT FROM o.updated_at THEN n.updated_at ELSE tt_now() END;
        IF at <= o.update_due THEN
            at := NULL;
            RETURN;
        END IF;
    ELSE
        RETURN;
    END IF;
    outcome := CASE WHEN at > o.update_due THEN 'missed' ELSE 'met' END;
END
$$;
REVOKE ALL ON FUNCTION dashboard_cadence(tickets, tickets) FROM ticketty_agent, PUBLIC;

--- tickets_dashboard
-- Statement trigger on tickets (973; UPDATE with transition tables
-- dashboard_old and dashboard_new, DELETE with dashboard_old): keeps the
-- dashboard's rollups. What the statement's changed tickets take away
-- and add (dashboard_facts of each old row and new: outcomes, backlog,
-- pending deadlines, 700; the cadence outcome a change ends,
-- dashboard_cadence; the resolution a reopen takes back, which stays
-- counted on its day, 641) is summed per rollup key over ALL the
-- statement's tickets, no-ops dropped, then written table by table in a
-- fixed order (the backlog's two, the pending four, the outcomes' three:
-- the order tickets_after_insert writes a new ticket's), each table's rows
-- in the order of its key. Every writer so takes the rollup rows in one
-- order: two statements that change many tickets each (a policy's
-- deadlines moved, tickets moved between teams) no longer take the same
-- rows in their tickets' orders and deadlock (the row trigger before 973
-- sorted the keys of one ticket only). The stored rows of the cadence
-- outcomes and the reopens' resolutions (sla_update_outcomes,
-- sla_resolution_outcomes) are written by the same statement that reads
-- the facts, which does not see them.
CREATE OR REPLACE FUNCTION tickets_dashboard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
    -- its plans are generic (no parameters) and estimated from the
    -- transition tables of the first call: after a statement of 2,000
    -- tickets, a one-ticket change was costed high enough to be compiled
    -- by JIT every time (66 ms instead of 0.1)
    SET jit = off
AS $$
DECLARE
    d         dashboard_delta[];   -- the statement's net change per key
    v_backlog boolean;
    v_pending boolean;
    v_outcome boolean;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- most statements change no figure (a version, an assignee): a
        -- small query says so before the large one starts (a count, not
        -- EXISTS: the planner would walk the two tables in a nested loop
        -- for EXISTS's first row, 4 million pairs for 2,000 tickets)
        IF (SELECT count(*) FROM dashboard_old o JOIN dashboard_new n ON n.id = o.id
             WHERE (o.team_id, o.customer_id, o.severity, o.plan, o.created_at, o.is_open,
                    o.first_response_outcome, o.acknowledged_at, o.first_response_due,
                    o.resolution_outcome, o.resolved_at, o.last_public_reply_at,
                    o.resolution_due, o.waiting_since, o.update_due)
                   IS DISTINCT FROM
                   (n.team_id, n.customer_id, n.severity, n.plan, n.created_at, n.is_open,
                    n.first_response_outcome, n.acknowledged_at, n.first_response_due,
                    n.resolution_outcome, n.resolved_at, n.last_public_reply_at,
                    n.resolution_due, n.waiting_since, n.update_due)) = 0 THEN
            RETURN NULL;
        END IF;
        -- the changed tickets (the columns the row trigger's WHEN clause
        -- compared before 973: what dashboard_facts and dashboard_cadence read)
        WITH z AS (SELECT coalesce((SELECT c.time_zone FROM calendars c WHERE c.is_default), 'UTC') AS tz),
        ch AS (
            SELECT o::tickets AS o, n::tickets AS n,
                   (o.team_id, o.customer_id, o.severity, o.plan)
                       IS DISTINCT FROM (n.team_id, n.customer_id, n.severity, n.plan) AS moved,
                   -- a reopen: the resolution it takes back stays counted on its day
                   (o.resolution_outcome IS NOT NULL AND o.resolved_at IS NOT NULL
                    AND n.resolved_at IS NULL) AS reopen,
                   c.at AS c_at, c.outcome AS c_outcome
              FROM dashboard_old o
              JOIN dashboard_new n ON n.id = o.id
             CROSS JOIN LATERAL dashboard_cadence(o::tickets, n::tickets) c
             WHERE (o.team_id, o.customer_id, o.severity, o.plan, o.created_at, o.is_open,
                    o.first_response_outcome, o.acknowledged_at, o.first_response_due,
                    o.resolution_outcome, o.resolved_at, o.last_public_reply_at,
                    o.resolution_due, o.waiting_since, o.update_due)
                   IS DISTINCT FROM
                   (n.team_id, n.customer_id, n.severity, n.plan, n.created_at, n.is_open,
                    n.first_response_outcome, n.acknowledged_at, n.first_response_due,
                    n.resolution_outcome, n.resolved_at, n.last_public_reply_at,
                    n.resolution_due, n.waiting_since, n.update_due)
        ),
        kept_resolution AS (
            INSERT INTO sla_resolution_outcomes (ticket_id, at, outcome)
            SELECT (ch.o).id, (ch.o).resolved_at, (ch.o).resolution_outcome FROM ch WHERE ch.reopen
        ),
        kept_update AS (
            INSERT INTO sla_update_outcomes (ticket_id, at, outcome)
            SELECT (ch.n).id, ch.c_at, ch.c_outcome FROM ch WHERE ch.c_outcome IS NOT NULL
        ),
        x AS (
            SELECT (ch.o).customer_id, (ch.o).team_id, (ch.o).severity, (ch.o).plan, f.kind, f.day, f.hour,
                   -f.met AS met, -f.missed AS missed, -f.open AS open, -f.pending AS pending
              FROM ch, z, dashboard_facts(ch.o, z.tz, ch.moved) f
            UNION ALL
            SELECT (ch.n).customer_id, (ch.n).team_id, (ch.n).severity, (ch.n).plan, f.kind, f.day, f.hour,
                   f.met, f.missed, f.open, f.pending
              FROM ch, z, dashboard_facts(ch.n, z.tz, ch.moved) f
            UNION ALL
            SELECT (ch.n).customer_id, (ch.n).team_id, (ch.n).severity, (ch.n).plan, 'resolution',
                   ((ch.o).resolved_at AT TIME ZONE z.tz)::date, NULL::timestamptz,
                   ((ch.o).resolution_outcome = 'met')::int, ((ch.o).resolution_outcome = 'missed')::int, 0, 0
              FROM ch, z WHERE ch.reopen
            UNION ALL
            SELECT (ch.n).customer_id, (ch.n).team_id, (ch.n).severity, (ch.n).plan, 'update',
                   (ch.c_at AT TIME ZONE z.tz)::date, NULL::timestamptz,
                   (ch.c_outcome = 'met')::int, (ch.c_outcome = 'missed')::int, 0, 0
              FROM ch, z WHERE ch.c_outcome IS NOT NULL
        ),
        g AS (
            SELECT x.customer_id, x.team_id, x.severity, x.plan, x.kind, x.day, x.hour,
                   sum(x.met)::int AS met, sum(x.missed)::int AS missed, sum(x.open)::int AS open,
                   sum(x.pending)::int AS pending
              FROM x
             GROUP BY 1, 2, 3, 4, 5, 6, 7
            HAVING sum(x.met) <> 0 OR sum(x.missed) <> 0 OR sum(x.open) <> 0 OR sum(x.pending) <> 0
        )
        SELECT array_agg(ROW(g.customer_id, g.team_id, g.severity, g.plan, g.kind, g.day, g.hour,
                             g.met, g.missed, g.open, g.pending)::dashboard_delta),
               bool_or(g.kind IS NULL), bool_or(g.pending <> 0), bool_or(g.met <> 0 OR g.missed <> 0)
          INTO d, v_backlog, v_pending, v_outcome
          FROM g;
    ELSE
        -- DELETE: every fact of the rows, the stored outcomes with them
        WITH z AS (SELECT coalesce((SELECT c.time_zone FROM calendars c WHERE c.is_default), 'UTC') AS tz),
        g AS (
            SELECT o.customer_id, o.team_id, o.severity, o.plan, f.kind, f.day, f.hour,
                   -sum(f.met)::int AS met, -sum(f.missed)::int AS missed, -sum(f.open)::int AS open,
                   -sum(f.pending)::int AS pending
              FROM dashboard_old o, z, dashboard_facts(o::tickets, z.tz, true) f
             GROUP BY 1, 2, 3, 4, 5, 6, 7
            HAVING sum(f.met) <> 0 OR sum(f.missed) <> 0 OR sum(f.open) <> 0 OR sum(f.pending) <> 0
        )
        SELECT array_agg(ROW(g.customer_id, g.team_id, g.severity, g.plan, g.kind, g.day, g.hour,
                             g.met, g.missed, g.open, g.pending)::dashboard_delta),
               bool_or(g.kind IS NULL), bool_or(g.pending <> 0), bool_or(g.met <> 0 OR g.missed <> 0)
          INTO d, v_backlog, v_pending, v_outcome
          FROM g;
    END IF;
    IF d IS NULL THEN
        RETURN NULL;
    END IF;

    -- each table in turn, its rows in its key's order (INSERT ... SELECT
    -- ... ORDER BY writes, and so locks, them in that order); a key whose
    -- change sums to nothing is not written
    IF v_backlog THEN
        INSERT INTO backlog_rollup AS r (day, team_id, severity, plan, open)
        SELECT x.day, x.team_id, x.severity, x.plan, sum(x.open)
          FROM unnest(d) x WHERE x.kind IS NULL
         GROUP BY 1, 2, 3, 4 HAVING sum(x.open) <> 0 ORDER BY 1, 2, 3, 4
        ON CONFLICT (day, team_id, severity, plan) DO UPDATE SET open = r.open + EXCLUDED.open;
        INSERT INTO backlog_rollup_customer AS r (customer_id, day, team_id, severity, plan, open)
        SELECT x.customer_id, x.day, x.team_id, x.severity, x.plan, sum(x.open)
          FROM unnest(d) x WHERE x.kind IS NULL
         GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.open) <> 0 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (customer_id, day, team_id, severity, plan) DO UPDATE SET open = r.open + EXCLUDED.open;
    END IF;
    IF v_pending THEN
        INSERT INTO sla_pending AS r (day, team_id, severity, plan, kind, pending)
        SELECT x.day, x.team_id, x.severity, x.plan, x.kind, sum(x.pending)
          FROM unnest(d) x WHERE x.kind IS NOT NULL AND x.pending <> 0
         GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.pending) <> 0 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (day, team_id, severity, plan, kind) DO UPDATE SET pending = r.pending + EXCLUDED.pending;
        INSERT INTO sla_pending_customer AS r (customer_id, day, team_id, severity, plan, kind, pending)
        SELECT x.customer_id, x.day, x.team_id, x.severity, x.plan, x.kind, sum(x.pending)
          FROM unnest(d) x WHERE x.kind IS NOT NULL AND x.pending <> 0
         GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(x.pending) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (customer_id, day, team_id, severity, plan, kind)
        DO UPDATE SET pending = r.pending + EXCLUDED.pending;
        INSERT INTO sla_pending_hour AS r (hour, team_id, severity, plan, kind, pending)
        SELECT x.hour, x.team_id, x.severity, x.plan, x.kind, sum(x.pending)
          FROM unnest(d) x WHERE x.kind IS NOT NULL AND x.pending <> 0
         GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.pending) <> 0 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (hour, team_id, severity, plan, kind) DO UPDATE SET pending = r.pending + EXCLUDED.pending;
        INSERT INTO sla_pending_customer_hour AS r (hour, customer_id, team_id, severity, plan, kind, pending)
        SELECT x.hour, x.customer_id, x.team_id, x.severity, x.plan, x.kind, sum(x.pending)
          FROM unnest(d) x WHERE x.kind IS NOT NULL AND x.pending <> 0
         GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(x.pending) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (hour, customer_id, team_id, severity, plan, kind)
        DO UPDATE SET pending = r.pending + EXCLUDED.pending;
    END IF;
    IF v_outcome THEN
        INSERT INTO sla_rollup AS r (day, team_id, severity, plan, kind, met, missed)
        SELECT x.day, x.team_id, x.severity, x.plan, x.kind, sum(x.met), sum(x.missed)
          FROM unnest(d) x WHERE x.kind IS NOT NULL AND (x.met <> 0 OR x.missed <> 0)
         GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.met) <> 0 OR sum(x.missed) <> 0 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (day, team_id, severity, plan, kind)
        DO UPDATE SET met = r.met + EXCLUDED.met, missed = r.missed + EXCLUDED.missed;
        INSERT INTO sla_rollup_customer AS r (customer_id, week, team_id, severity, plan, kind, met, missed)
        SELECT x.customer_id, date_trunc('week', x.day)::date, x.team_id, x.severity, x.plan, x.kind,
               sum(x.met), sum(x.missed)
          FROM unnest(d) x WHERE x.kind IS NOT NULL AND (x.met <> 0 OR x.missed <> 0)
         GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(x.met) <> 0 OR sum(x.missed) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (customer_id, week, team_id, severity, plan, kind)
        DO UPDATE SET met = r.met + EXCLUDED.met, missed = r.missed + EXCLUDED.missed;
        INSERT INTO sla_rollup_customer_week AS r (week, customer_id, kind, met, missed)
        SELECT date_trunc('week', x.day)::date, x.customer_id, x.kind, sum(x.met), sum(x.missed)
          FROM unnest(d) x WHERE x.kind IS NOT NULL AND (x.met <> 0 OR x.missed <> 0)
         GROUP BY 1, 2, 3 HAVING sum(x.met) <> 0 OR sum(x.missed) <> 0 ORDER BY 1, 2, 3
        ON CONFLICT (week, customer_id, kind)
        DO UPDATE SET met = r.met + EXCLUDED.met, missed = r.missed + EXCLUDED.missed;
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION tickets_dashboard() FROM ticketty_agent, PUBLIC;

--- dashboard_rebuild
-- Recounts every rollup from the tickets, the stored cadence outcomes,
-- the resolutions reopens took back and the pending deadlines (the
-- pending updates among them, 720), and the live escalations per level
-- (escalation_rollup_rebuild). Set-based: used after bulk loads with
-- triggers off, and when the report zone changes. Owner only.
CREATE OR REPLACE FUNCTION dashboard_rebuild() RETURNS void
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    z text := report_zone();
BEGIN
    TRUNCATE sla_rollup, sla_rollup_customer, sla_rollup_customer_week, backlog_rollup,
             backlog_rollup_customer, sla_pending, sla_pending_customer, sla_pending_hour,
             sla_pending_customer_hour;
    CREATE TEMP TABLE dashboard_f ON COMMIT DROP AS
    SELECT t.customer_id, t.team_id, t.severity, t.plan, f.kind, f.day, f.met, f.missed
      FROM tickets t
     CROSS JOIN LATERAL (
            SELECT 'first_response'::sla_kind AS kind,
                   (coalesce(t.acknowledged_at, t.first_response_due) AT TIME ZONE z)::date AS day,
                   (t.first_response_outcome = 'met')::int AS met,
                   (t.first_response_outcome = 'missed')::int AS missed
             WHERE t.first_response_outcome IS NOT NULL
            UNION ALL
            SELECT 'resolution', (t.resolved_at AT TIME ZONE z)::date,
                   (t.resolution_outcome = 'met')::int, (t.resolution_outcome = 'missed')::int
             WHERE t.resolution_outcome IS NOT NULL AND t.resolved_at IS NOT NULL) f
    UNION ALL
    SELECT t.customer_id, t.team_id, t.severity, t.plan, 'update', (u.at AT TIME ZONE z)::date,
           (u.outcome = 'met')::int, (u.outcome = 'missed')::int
      FROM sla_update_outcomes u JOIN tickets t ON t.id = u.ticket_id
    UNION ALL
    SELECT t.customer_id, t.team_id, t.severity, t.plan, 'resolution', (h.at AT TIME ZONE z)::date,
           (h.outcome = 'met')::int, (h.outcome = 'missed')::int
      FROM sla_resolution_outcomes h JOIN tickets t ON t.id = h.ticket_id;
    INSERT INTO sla_rollup (day, team_id, severity, plan, kind, met, missed)
    SELECT day, team_id, severity, plan, kind, sum(met), sum(missed)
      FROM dashboard_f GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO sla_rollup_customer (week, customer_id, team_id, severity, plan, kind, met, missed)
    SELECT date_trunc('week', day)::date, customer_id, team_id, severity, plan, kind, sum(met), sum(missed)
      FROM dashboard_f GROUP BY 1, 2, 3, 4, 5, 6;
    INSERT INTO sla_rollup_customer_week (week, customer_id, kind, met, missed)
    SELECT date_trunc('week', day)::date, customer_id, kind, sum(met), sum(missed)
      FROM dashboard_f GROUP BY 1, 2, 3;
    DROP TABLE dashboard_f;
    INSERT INTO backlog_rollup (day, team_id, severity, plan, open)
    SELECT (t.created_at AT TIME ZONE z)::date, t.team_id, t.severity, t.plan, count(*)
      FROM tickets t WHERE t.is_open GROUP BY 1, 2, 3, 4;
    INSERT INTO backlog_rollup_customer (customer_id, day, team_id, severity, plan, open)
    SELECT t.customer_id, (t.created_at AT TIME ZONE z)::date, t.team_id, t.severity, t.plan, count(*)
      FROM tickets t WHERE t.is_open GROUP BY 1, 2, 3, 4, 5;
    -- the pending deadlines (700), by the rule of dashboard_facts
    CREATE TEMP TABLE dashboard_p ON COMMIT DROP AS
    SELECT t.customer_id, (p.due AT TIME ZONE z)::date AS day,
           date_bin('1 hour', p.due, timestamptz '2000-01-01 00:00+00') AS hour,
           t.team_id, t.severity, t.plan, p.kind, count(*)::int AS pending
      FROM tickets t
     CROSS JOIN LATERAL (
            SELECT 'first_response'::sla_kind AS kind, t.first_response_due AS due
             WHERE t.first_response_outcome IS NULL AND t.acknowledged_at IS NULL
               AND t.resolved_at IS NULL AND t.first_response_due IS NOT NULL
            UNION ALL
            SELECT 'resolution', t.resolution_due
             WHERE t.resolved_at IS NULL AND t.resolution_due IS NOT NULL
               AND (t.waiting_since IS NULL OR t.waiting_since >= t.resolution_due)
            UNION ALL
            -- the update an open emergency owes (720)
            SELECT 'update', t.update_due
             WHERE t.resolved_at IS NULL AND t.update_due IS NOT NULL) p
     WHERE t.is_open
     GROUP BY 1, 2, 3, 4, 5, 6, 7;
    INSERT INTO sla_pending_customer (customer_id, day, team_id, severity, plan, kind, pending)
    SELECT customer_id, day, team_id, severity, plan, kind, sum(pending)
      FROM dashboard_p GROUP BY 1, 2, 3, 4, 5, 6;
    INSERT INTO sla_pending (day, team_id, severity, plan, kind, pending)
    SELECT day, team_id, severity, plan, kind, sum(pending)
      FROM dashboard_p GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO sla_pending_customer_hour (hour, customer_id, team_id, severity, plan, kind, pending)
    SELECT hour, customer_id, team_id, severity, plan, kind, sum(pending)
      FROM dashboard_p GROUP BY 1, 2, 3, 4, 5, 6;
    INSERT INTO sla_pending_hour (hour, team_id, severity, plan, kind, pending)
    SELECT hour, team_id, severity, plan, kind, sum(pending)
      FROM dashboard_p GROUP BY 1, 2, 3, 4, 5;
    DROP TABLE dashboard_p;
    -- live escalations per level (160_escalation_rollup.sql)
    PERFORM escalation_rollup_rebuild();
END
$$;
REVOKE ALL ON FUNCTION dashboard_rebuild() FROM ticketty_agent, PUBLIC;

--- calendars_dashboard_zone
-- Days move when the report zone does: recount.
CREATE OR REPLACE FUNCTION calendars_dashboard_zone() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM dashboard_rebuild();
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION calendars_dashboard_zone() FROM ticketty_agent, PUBLIC;

--- report_args
-- Resolves and checks the arguments every report takes.
CREATE OR REPLACE FUNCTION report_args(p_from date, p_to date, p_by text, p_team text, p_plan text,
                            p_severity int, p_customer text) RETURNS report_filter
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    f report_filter;
    e text := '';
BEGIN
    IF p_by IS NULL OR p_by NOT IN ('week', 'team', 'customer', 'severity', 'plan', 'total') THEN
        e := e || format(E'by\tunknown\tmust be week, team, customer, severity, plan or total\n');
    END IF;
    IF p_team IS NOT NULL THEN
        SELECT t.id INTO f.team_id FROM teams t
         WHERE t.key = p_team OR lower(t.name) = lower(p_team) ORDER BY t.key = p_team DESC LIMIT 1;
        IF f.team_id IS NULL THEN
            e := e || format(E'team\tunknown\tthere is no team "%s"\n', p_team);
        END IF;
    END IF;
    IF p_plan IS NOT NULL THEN
        IF p_plan IN ('premium', 'basic') THEN
            f.plan := p_plan::plan_kind;
        ELSE
            e := e || format(E'plan\tunknown\tmust be premium or basic\n');
        END IF;
    END IF;
    IF p_severity IS NOT NULL THEN
        IF p_severity BETWEEN 1 AND 4 THEN
            f.severity := p_severity;
        ELSE
            e := e || format(E'severity\tunknown\tmust be 1, 2, 3 or 4\n');
        END IF;
    END IF;
    IF p_customer IS NOT NULL THEN
        SELECT c.id INTO f.customer_id FROM customers c
         WHERE lower(c.name) = lower(p_customer) OR c.id::text = p_customer
         ORDER BY c.id::text = p_customer DESC, c.id LIMIT 1;
        IF f.customer_id IS NULL THEN
            e := e || format(E'customer\tunknown\tthere is no customer "%s"\n', p_customer);
        END IF;
    END IF;
    f.date_to := coalesce(p_to, report_today());
    f.date_from := coalesce(p_from, date_trunc('week', f.date_to)::date - 77);
    IF p_from > report_today() THEN
        -- only a first day given: without one, report_backlog and
        -- report_escalations count from the beginning, whatever p_to
        e := e || format(E'from\tfuture\tis after today: the period has not begun\n');
    ELSIF f.date_from > f.date_to THEN
        e := e || format(E'from\tafter_to\tthe first day comes after the last\n');
    ELSIF f.date_to - f.date_from > 3653 THEN
        -- ten years at most: a report of 0001-01-01 to 9999-12-31 wrote
        -- half a million weeks, or by customer ran into the statement
        -- timeout, which the client reads as "try again" for good
        e := e || format(E'from\ttoo_long\tthe period may be at most 10 years; %s to %s is %s days\n',
                         f.date_from, f.date_to, f.date_to - f.date_from + 1);
    END IF;
    IF e <> '' THEN
        RAISE EXCEPTION 'cannot make the report' USING ERRCODE = 'TT400', DETAIL = rtrim(e, E'\n');
    END IF;
    RETURN f;
END
$$;

--- report_name
-- The label of a group key: team name, customer name, severity name, plan, week.
CREATE OR REPLACE FUNCTION report_name(p_by text, k text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT CASE p_by
             WHEN 'team' THEN (SELECT t.name FROM teams t WHERE t.key = k)
             WHEN 'customer' THEN (SELECT c.name FROM customers c WHERE c.id::text = k)
             WHEN 'severity' THEN (SELECT s.name FROM severities s WHERE s.level::text = k)
             ELSE k END
$$;

--- report_backlog
-- The open backlog per group, by age in business days on the clock's
-- today: the working days of the desk's calendar (the default one, whose
-- zone the days are counted in: its opening days less its holidays,
-- calendar_days) after the day a ticket was created, up to today: 0 (on
-- a working day, created today), 1-2, 3-6, 7-27, 28 or more. A ticket
-- created on Friday evening is 1 day old on Monday, not 3; one created
-- the day before Thanksgiving 1 day old on the Friday after. The ages are
-- counted per creation day of the rollup (one running count over the days
-- from the oldest to today), not per ticket: the cost stays that of the
-- rollups. Without a default calendar, calendar days. From/to bound the
-- creation day (without dates: every open ticket).
CREATE OR REPLACE FUNCTION report_backlog(p_from date, p_to date, p_by text, p_team text DEFAULT NULL,
                               p_plan text DEFAULT NULL, p_severity int DEFAULT NULL,
                               p_customer text DEFAULT NULL)
    RETURNS TABLE (key text, name text, total bigint, age_0d bigint, age_1_2d bigint,
                   age_3_6d bigint, age_7_27d bigint, age_28d_plus bigint)
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    f       report_filter := report_args(p_from, p_to, p_by, p_team, p_plan, p_severity, p_customer);
    v_cust  boolean := f.customer_id IS NOT NULL OR p_by = 'customer';
    v_today date := report_today();
    v_from  date := CASE WHEN p_from IS NULL THEN date '-infinity' ELSE f.date_from END;
    v_to    date := CASE WHEN p_to IS NULL THEN date 'infinity' ELSE f.date_to END;
    v_cal   smallint := (SELECT c.id FROM calendars c WHERE c.is_default);
BEGIN
    RETURN QUERY
    WITH src AS (
        SELECT r.day, r.team_id, r.severity, r.plan, NULL::int AS customer_id, r.open
          FROM backlog_rollup r
         WHERE NOT v_cust AND r.day BETWEEN v_from AND v_to AND r.open <> 0
        UNION ALL
        SELECT r.day, r.team_id, r.severity, r.plan, r.customer_id, r.open
          FROM backlog_rollup_customer r
         WHERE v_cust AND (f.customer_id IS NULL OR r.customer_id = f.customer_id)
           AND r.day BETWEEN v_from AND v_to AND r.open <> 0
    ), ages AS (
        -- each day from the oldest creation day to today, with the working
        -- days after it up to today (a running count, newest first)
        SELECT x.d::date AS day,
               CASE WHEN v_cal IS NULL THEN v_today - x.d::date
                    ELSE count(c.day) OVER (ORDER BY x.d DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
               END AS age
          FROM generate_series((SELECT min(s.day) FROM src s)::timestamp, v_today::timestamp,
                               interval '1 day') AS x(d)
          LEFT JOIN calendar_days c ON c.calendar_id = v_cal AND c.day = x.d::date
    ), g AS (
        SELECT CASE p_by WHEN 'week' THEN date_trunc('week', s.day)::date::text
                         WHEN 'team' THEN (SELECT t.key FROM teams t WHERE t.id = s.team_id)
                         WHEN 'customer' THEN s.customer_id::text
                         WHEN 'severity' THEN s.severity::text
                         WHEN 'plan' THEN s.plan::text
                         ELSE '' END AS k,
               sum(s.open) AS n,
               sum(s.open) FILTER (WHERE coalesce(a.age, 0) <= 0) AS a0,
               sum(s.open) FILTER (WHERE a.age BETWEEN 1 AND 2) AS a1,
               sum(s.open) FILTER (WHERE a.age BETWEEN 3 AND 6) AS a3,
               sum(s.open) FILTER (WHERE a.age BETWEEN 7 AND 27) AS a7,
               sum(s.open) FILTER (WHERE a.age >= 28) AS a28
          FROM src s
          LEFT JOIN ages a ON a.day = s.day
         WHERE (f.team_id IS NULL OR s.team_id = f.team_id)
           AND (f.plan IS NULL OR s.plan = f.plan)
           AND (f.severity IS NULL OR s.severity = f.severity)
         GROUP BY 1
    ), keys AS (
        SELECT s.level::text AS k FROM severities s WHERE p_by = 'severity'
        UNION
        SELECT '' WHERE p_by = 'total'
        UNION
        SELECT g.k FROM g WHERE p_by NOT IN ('severity', 'total')
    )
    SELECT k.k, report_name(p_by, k.k), coalesce(g.n, 0)::bigint,
           coalesce(g.a0, 0)::bigint, coalesce(g.a1, 0)::bigint, coalesce(g.a3, 0)::bigint,
           coalesce(g.a7, 0)::bigint, coalesce(g.a28, 0)::bigint
      FROM keys k LEFT JOIN g ON g.k = k.k
     ORDER BY CASE WHEN p_by IN ('team', 'customer') THEN -coalesce(g.n, 0) END,
              CASE WHEN p_by = 'severity' THEN k.k::int END,
              CASE WHEN p_by = 'customer' THEN report_name(p_by, k.k) ELSE k.k END;
END
$$;

--- report_escalations
-- Live escalations (open or acknowledged) per group: how many wait at each
-- level (1 CSM, 2 COO, 3 CEO) and how long the oldest has waited there
-- (seconds). From/to bound the day the level was raised.
-- The totals with no window and no filter (the dashboard's block, the
-- report's default) read the counts from escalation_rollup (160) and each
-- level's oldest from the first entry of escalations_live_level_idx: the
-- same cost at any number of escalations. Anything else counts the rows.
CREATE OR REPLACE FUNCTION report_escalations(p_from date, p_to date, p_by text, p_team text DEFAULT NULL,
                                   p_plan text DEFAULT NULL, p_severity int DEFAULT NULL,
                                   p_customer text DEFAULT NULL)
    RETURNS TABLE (key text, name text, total bigint,
                   csm_open bigint, csm_oldest_secs bigint, coo_open bigint, coo_oldest_secs bigint,
                   ceo_open bigint, ceo_oldest_secs bigint)
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    f      report_filter := report_args(p_from, p_to, p_by, p_team, p_plan, p_severity, p_customer);
    z      text := report_zone();
    v_now  timestamptz := tt_now();
    v_from timestamptz := CASE WHEN p_from IS NULL THEN '-infinity' ELSE f.date_from::timestamp AT TIME ZONE z END;
    v_to   timestamptz := CASE WHEN p_to IS NULL THEN 'infinity' ELSE (f.date_to + 1)::timestamp AT TIME ZONE z END;
    -- the tickets are read only when grouped or filtered by them: the
    -- dashboard's totals count the live escalations from their index alone
    v_need boolean := p_by NOT IN ('week', 'total') OR f.team_id IS NOT NULL OR f.plan IS NOT NULL
                      OR f.severity IS NOT NULL OR f.customer_id IS NOT NULL;
BEGIN
    IF p_by = 'total' AND NOT v_need AND p_from IS NULL AND p_to IS NULL THEN
        RETURN QUERY
        SELECT ''::text, report_name(p_by, ''), coalesce(sum(r.live), 0)::bigint,
               coalesce(sum(r.live) FILTER (WHERE r.level = 1), 0)::bigint,
               floor(extract(epoch FROM v_now - (SELECT min(e.raised_at) FROM escalations e
                  WHERE e.level = 1 AND e.state IN ('open', 'acknowledged'))))::bigint,
               coalesce(sum(r.live) FILTER (WHERE r.level = 2), 0)::bigint,
               floor(extract(epoch FROM v_now - (SELECT min(e.raised_at) FROM escalations e
                  WHERE e.level = 2 AND e.state IN ('open', 'acknowledged'))))::bigint,
               coalesce(sum(r.live) FILTER (WHERE r.level = 3), 0)::bigint,
               floor(extract(epoch FROM v_now - (SELECT min(e.raised_at) FROM escalations e
                  WHERE e.level = 3 AND e.state IN ('open', 'acknowledged'))))::bigint
          FROM escalation_rollup r;
        RETURN;
    END IF;
    RETURN QUERY
    WITH g AS (
        SELECT CASE p_by WHEN 'week' THEN date_trunc('week', (e.raised_at AT TIME ZONE z))::date::text
                         WHEN 'team' THEN (SELECT tm.key FROM teams tm WHERE tm.id = t.team_id)
                         WHEN 'customer' THEN t.customer_id::text
                         WHEN 'severity' THEN t.severity::text
                         WHEN 'plan' THEN t.plan::text
                         ELSE '' END AS k,
               count(*) AS n,
               count(*) FILTER (WHERE e.level = 1) AS n1,
               min(e.raised_at) FILTER (WHERE e.level = 1) AS o1,
               count(*) FILTER (WHERE e.level = 2) AS n2,
               min(e.raised_at) FILTER (WHERE e.level = 2) AS o2,
               count(*) FILTER (WHERE e.level = 3) AS n3,
               min(e.raised_at) FILTER (WHERE e.level = 3) AS o3
          FROM escalations e
          LEFT JOIN LATERAL (SELECT tk.team_id, tk.customer_id, tk.severity, tk.plan
                               FROM tickets tk WHERE v_need AND tk.id = e.ticket_id) t ON true
         WHERE e.state IN ('open', 'acknowledged')
           AND e.raised_at >= v_from AND e.raised_at < v_to
           AND (f.team_id IS NULL OR t.team_id = f.team_id)
           AND (f.plan IS NULL OR t.plan = f.plan)
           AND (f.severity IS NULL OR t.severity = f.severity)
           AND (f.customer_id IS NULL OR t.customer_id = f.customer_id)
         GROUP BY 1
    ), keys AS (
        SELECT s.level::text AS k FROM severities s WHERE p_by = 'severity'
        UNION
        SELECT '' WHERE p_by = 'total'
        UNION
        SELECT g.k FROM g WHERE p_by NOT IN ('severity', 'total')
    )
    SELECT k.k, report_name(p_by, k.k), coalesce(g.n, 0),
           coalesce(g.n1, 0), floor(extract(epoch FROM v_now - g.o1))::bigint,
           coalesce(g.n2, 0), floor(extract(epoch FROM v_now - g.o2))::bigint,
           coalesce(g.n3, 0), floor(extract(epoch FROM v_now - g.o3))::bigint
      FROM keys k LEFT JOIN g ON g.k = k.k
     ORDER BY CASE WHEN p_by IN ('team', 'customer') THEN -coalesce(g.n, 0) END,
              CASE WHEN p_by = 'severity' THEN k.k::int END,
              CASE WHEN p_by = 'customer' THEN report_name(p_by, k.k) ELSE k.k END;
END
$$;

--- report_oldest
-- The oldest open tickets matching the filters, oldest first.
CREATE OR REPLACE FUNCTION report_oldest(p_team text DEFAULT NULL, p_plan text DEFAULT NULL,
                              p_severity int DEFAULT NULL, p_customer text DEFAULT NULL,
                              max_rows int DEFAULT 10)
    RETURNS TABLE (id bigint, severity smallint, severity_name text, customer text, team text,
                   status ticket_status, sla_state text, age_secs bigint, title text)
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    f     report_filter := report_args(NULL, NULL, 'total', p_team, p_plan, p_severity, p_customer);
    v_now timestamptz := tt_now();
BEGIN
    RETURN QUERY
    SELECT t.id, t.severity, (SELECT s.name FROM severities s WHERE s.level = t.severity),
           (SELECT c.name FROM customers c WHERE c.id = t.customer_id),
           (SELECT tm.name FROM teams tm WHERE tm.id = t.team_id),
           t.status, (ticket_sla(t, v_now)).state,
           floor(extract(epoch FROM v_now - t.created_at))::bigint, t.title
      FROM tickets t
     WHERE t.is_open
       AND (f.team_id IS NULL OR t.team_id = f.team_id)
       AND (f.plan IS NULL OR t.plan = f.plan)
       AND (f.severity IS NULL OR t.severity = f.severity)
       AND (f.customer_id IS NULL OR t.customer_id = f.customer_id)
     ORDER BY t.created_at, t.id
     LIMIT max_rows;
END
$$;

--- dashboard_facts
-- What one ticket contributes: SLA outcomes (kind, day, met, missed), its
-- place in the backlog (kind NULL, day created, open = 1) and its pending
-- deadlines (kind, day due, pending = 1, and the UTC hour due; see 700):
-- first response, resolution, and the update an open emergency owes
-- (update_due is set only then, 660). Cadence outcomes
-- (sla_update_outcomes) and the resolutions reopens took back
-- (sla_resolution_outcomes, 641) come when `with_updates`.
CREATE OR REPLACE FUNCTION dashboard_facts(t tickets, z text, with_updates boolean)
    RETURNS TABLE (kind sla_kind, day date, met int, missed int, open int, pending int, hour timestamptz)
    LANGUAGE sql STABLE
    -- no SET clause, every name qualified: the trigger's query inlines it
    -- (a SET clause made it a function scan, planned again for every row)
AS $$
    SELECT 'first_response'::ticketty.sla_kind,
           (coalesce(t.acknowledged_at, t.first_response_due) AT TIME ZONE z)::date,
           (t.first_response_outcome = 'met')::int, (t.first_response_outcome = 'missed')::int, 0, 0,
           NULL::timestamptz
     WHERE t.first_response_outcome IS NOT NULL
    UNION ALL
    SELECT 'resolution', (t.resolved_at AT TIME ZONE z)::date,
           (t.resolution_outcome = 'met')::int, (t.resolution_outcome = 'missed')::int, 0, 0, NULL
     WHERE t.resolution_outcome IS NOT NULL AND t.resolved_at IS NOT NULL
    UNION ALL
    SELECT NULL, (t.created_at AT TIME ZONE z)::date, 0, 0, 1, 0, NULL
     WHERE t.is_open
    UNION ALL
    SELECT 'first_response', (t.first_response_due AT TIME ZONE z)::date, 0, 0, 0, 1,
           date_bin('1 hour', t.first_response_due, timestamptz '2000-01-01 00:00+00')
     WHERE t.is_open AND t.first_response_outcome IS NULL AND t.acknowledged_at IS NULL
       AND t.resolved_at IS NULL AND t.first_response_due IS NOT NULL
    UNION ALL
    SELECT 'resolution', (t.resolution_due AT TIME ZONE z)::date, 0, 0, 0, 1,
           date_bin('1 hour', t.resolution_due, timestamptz '2000-01-01 00:00+00')
     WHERE t.is_open AND t.resolved_at IS NULL AND t.resolution_due IS NOT NULL
       AND (t.waiting_since IS NULL OR t.waiting_since >= t.resolution_due)
    UNION ALL
    SELECT 'update', (t.update_due AT TIME ZONE z)::date, 0, 0, 0, 1,
           date_bin('1 hour', t.update_due, timestamptz '2000-01-01 00:00+00')
     WHERE t.is_open AND t.resolved_at IS NULL AND t.update_due IS NOT NULL
    UNION ALL
    SELECT 'update', (u.at AT TIME ZONE z)::date,
           (u.outcome = 'met')::int, (u.outcome = 'missed')::int, 0, 0, NULL
      FROM ticketty.sla_update_outcomes u
     WHERE with_updates AND u.ticket_id = t.id
    UNION ALL
    SELECT 'resolution', (h.at AT TIME ZONE z)::date,
           (h.outcome = 'met')::int, (h.outcome = 'missed')::int, 0, 0, NULL
      FROM ticketty.sla_resolution_outcomes h
     WHERE with_updates AND h.ticket_id = t.id
$$;
REVOKE ALL ON FUNCTION dashboard_facts(tickets, text, boolean) FROM ticketty_agent, PUBLIC;

--- dashboard_add
-- Adds facts (signed) to the rollups: the backlog's two, or the outcome
-- tables (met, missed) then the pending ones (p_hour: the UTC hour due),
-- each in key order.
CREATE OR REPLACE FUNCTION dashboard_add(p_customer int, p_team smallint, p_sev smallint, p_plan plan_kind,
                              p_kind sla_kind, p_day date, p_met int, p_missed int, p_open int,
                              p_pending int, p_hour timestamptz)
    RETURNS void
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_week date := date_trunc('week', p_day)::date;   -- the customer tables' key
BEGIN
    IF p_kind IS NULL THEN
        INSERT INTO backlog_rollup AS r (day, team_id, severity, plan, open)
        VALUES (p_day, p_team, p_sev, p_plan, p_open)
        ON CONFLICT (day, team_id, severity, plan) DO UPDATE SET open = r.open + EXCLUDED.open;
        INSERT INTO backlog_rollup_customer AS r (customer_id, day, team_id, severity, plan, open)
        VALUES (p_customer, p_day, p_team, p_sev, p_plan, p_open)
        ON CONFLICT (customer_id, day, team_id, severity, plan) DO UPDATE SET open = r.open + EXCLUDED.open;
        RETURN;
    END IF;
    IF p_met <> 0 OR p_missed <> 0 THEN
        INSERT INTO sla_rollup AS r (day, team_id, severity, plan, kind, met, missed)
        VALUES (p_day, p_team, p_sev, p_plan, p_kind, p_met, p_missed)
        ON CONFLICT (day, team_id, severity, plan, kind)
        DO UPDATE SET met = r.met + EXCLUDED.met, missed = r.missed + EXCLUDED.missed;
        INSERT INTO sla_rollup_customer AS r (week, customer_id, team_id, severity, plan, kind, met, missed)
        VALUES (v_week, p_customer, p_team, p_sev, p_plan, p_kind, p_met, p_missed)
        ON CONFLICT (customer_id, week, team_id, severity, plan, kind)
        DO UPDATE SET met = r.met + EXCLUDED.met, missed = r.missed + EXCLUDED.missed;
        INSERT INTO sla_rollup_customer_week AS r (week, customer_id, kind, met, missed)
        VALUES (v_week, p_customer, p_kind, p_met, p_missed)
        ON CONFLICT (week, customer_id, kind)
        DO UPDATE SET met = r.met + EXCLUDED.met, missed = r.missed + EXCLUDED.missed;
    END IF;
    IF p_pending <> 0 THEN
        INSERT INTO sla_pending AS r (day, team_id, severity, plan, kind, pending)
        VALUES (p_day, p_team, p_sev, p_plan, p_kind, p_pending)
        ON CONFLICT (day, team_id, severity, plan, kind) DO UPDATE SET pending = r.pending + EXCLUDED.pending;
        INSERT INTO sla_pending_customer AS r (customer_id, day, team_id, severity, plan, kind, pending)
        VALUES (p_customer, p_day, p_team, p_sev, p_plan, p_kind, p_pending)
        ON CONFLICT (customer_id, day, team_id, severity, plan, kind)
        DO UPDATE SET pending = r.pending + EXCLUDED.pending;
        INSERT INTO sla_pending_hour AS r (hour, team_id, severity, plan, kind, pending)
        VALUES (p_hour, p_team, p_sev, p_plan, p_kind, p_pending)
        ON CONFLICT (hour, team_id, severity, plan, kind) DO UPDATE SET pending = r.pending + EXCLUDED.pending;
        INSERT INTO sla_pending_customer_hour AS r (hour, customer_id, team_id, severity, plan, kind, pending)
        VALUES (p_hour, p_customer, p_team, p_sev, p_plan, p_kind, p_pending)
        ON CONFLICT (hour, customer_id, team_id, severity, plan, kind)
        DO UPDATE SET pending = r.pending + EXCLUDED.pending;
    END IF;
END
$$;
REVOKE ALL ON FUNCTION dashboard_add(int, smallint, smallint, plan_kind, sla_kind, date, int, int, int, int,
                                      timestamptz) FROM ticketty_agent, PUBLIC;

--- report_sla
-- SLA attainment per group: met and missed of each clock, and the share
-- met (percent, one decimal; NULL when nothing was decided). For severity
-- rows, `clock` is the clock of its first-response target (wall = round
-- the clock, business, or mixed when the plans differ). Groups by team
-- and customer come most breaches first (then by key); `max_rows` keeps
-- the first ones.
-- first_response_past_due, resolution_past_due and update_past_due (720,
-- last): the deadlines of that clock past due now and not decided, on the
-- day each passed (see 640): the pending deadlines (700) of the period's
-- days before today and of today's whole hours past, and the rest of
-- today counted live up to now.
CREATE OR REPLACE FUNCTION report_sla(p_from date, p_to date, p_by text, p_team text DEFAULT NULL,
                           p_plan text DEFAULT NULL, p_severity int DEFAULT NULL,
                           p_customer text DEFAULT NULL, max_rows int DEFAULT NULL)
    RETURNS TABLE (key text, name text, clock text,
                   first_response_met bigint, first_response_missed bigint, first_response_pct numeric,
                   update_met bigint, update_missed bigint, update_pct numeric,
                   resolution_met bigint, resolution_missed bigint, resolution_pct numeric,
                   first_response_past_due bigint, resolution_past_due bigint, update_past_due bigint)
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    f      report_filter := report_args(p_from, p_to, p_by, p_team, p_plan, p_severity, p_customer);
    v_cust boolean := f.customer_id IS NOT NULL OR p_by = 'customer';
    -- by customer (or for one) with no team, plan or severity filter and
    -- no grouping by them: the narrow weekly table does
    v_narrow boolean := v_cust AND p_by IN ('customer', 'week', 'total')
                        AND f.team_id IS NULL AND f.plan IS NULL AND f.severity IS NULL;
    z      text := report_zone();
    v_now  timestamptz := tt_now();
    -- the instants the period covers (a customer's: whole weeks)
    v_lo   timestamptz := (CASE WHEN v_cust THEN date_trunc('week', f.date_from)::date ELSE f.date_from END)
                          ::timestamp AT TIME ZONE z;
    v_hi   timestamptz := (CASE WHEN v_cust THEN date_trunc('week', f.date_to)::date + 7 ELSE f.date_to + 1 END)
                          ::timestamp AT TIME ZONE z;
    -- today (report zone): the deadlines of the days before, all passed,
    -- are the daily pending rollups'; today's, from its start (or the
    -- period's) to now, are the hourly ones' for the whole (UTC) hours
    -- past, and counted live for the rest: the hour now running, and in a
    -- zone off by a half hour the part of today before its first whole hour
    v_today date := (v_now AT TIME ZONE z)::date;
    v_l    timestamptz := greatest(v_today::timestamp AT TIME ZONE z, v_lo);
    v_h    timestamptz := least(v_hi, v_now + interval '1 microsecond');
    v_cl   timestamptz := date_bin('1 hour', v_l - interval '1 microsecond', timestamptz '2000-01-01 00:00+00')
                          + interval '1 hour';     -- the first whole hour's start
    v_fl   timestamptz := date_bin('1 hour', v_h, timestamptz '2000-01-01 00:00+00');   -- the hour running
BEGIN
    RETURN QUERY
    WITH spans AS (
        -- where the past-due deadlines are counted live: today's part of
        -- the period before its first whole hour, and the hour running up
        -- to now (none when the period does not hold today)
        SELECT v_l AS lo, least(v_cl, v_h) AS hi WHERE v_l < least(v_cl, v_h)
        UNION ALL
        SELECT greatest(v_fl, v_cl), v_h WHERE greatest(v_fl, v_cl) < v_h
    ), src AS (
        SELECT r.day, r.team_id, r.severity, r.plan, NULL::int AS customer_id, r.kind, r.met, r.missed,
               0 AS due
          FROM sla_rollup r
         WHERE NOT v_cust AND r.day BETWEEN f.date_from AND f.date_to
        UNION ALL
        SELECT r.week, r.team_id, r.severity, r.plan, r.customer_id, r.kind, r.met, r.missed, 0
          FROM sla_rollup_customer r
         WHERE v_cust AND NOT v_narrow
           AND r.week BETWEEN date_trunc('week', f.date_from)::date AND f.date_to
           AND (f.customer_id IS NULL OR r.customer_id = f.customer_id)
        UNION ALL
        SELECT r.week, NULL, NULL, NULL, r.customer_id, r.kind, r.met, r.missed, 0
          FROM sla_rollup_customer_week r
         WHERE v_narrow AND r.week BETWEEN date_trunc('week', f.date_from)::date AND f.date_to
           AND (f.customer_id IS NULL OR r.customer_id = f.customer_id)
        UNION ALL
        -- past due, the days before today: the pending deadlines of those
        -- days (700), by day, not by customer
        SELECT r.day, r.team_id, r.severity, r.plan, NULL::int, r.kind, 0, 0, r.pending
          FROM sla_pending r
         WHERE NOT v_cust AND r.day >= f.date_from AND r.day <= f.date_to AND r.day < v_today
        UNION ALL
        -- ... by customer (whole weeks)
        SELECT r.day, r.team_id, r.severity, r.plan, r.customer_id, r.kind, 0, 0, r.pending
          FROM sla_pending_customer r
         WHERE v_cust AND r.day >= date_trunc('week', f.date_from)::date
           AND r.day < date_trunc('week', f.date_to)::date + 7 AND r.day < v_today
           AND (f.customer_id IS NULL OR r.customer_id = f.customer_id)
        UNION ALL
        -- past due today, the whole hours past: the hourly pending rollups
        SELECT v_today, r.team_id, r.severity, r.plan, NULL::int, r.kind, 0, 0, r.pending
          FROM sla_pending_hour r
         WHERE NOT v_cust AND r.hour >= v_cl AND r.hour < v_fl
        UNION ALL
        SELECT v_today, r.team_id, r.severity, r.plan, r.customer_id, r.kind, 0, 0, r.pending
          FROM sla_pending_customer_hour r
         WHERE v_cust AND r.hour >= v_cl AND r.hour < v_fl
           AND (f.customer_id IS NULL OR r.customer_id = f.customer_id)
        UNION ALL
        -- past due today, the rest, not answered: tickets_first_response_past_due_idx,
        -- one range scan per span, counted per key here
        SELECT v_today, d.team_id, d.severity, d.plan, d.customer_id, 'first_response', 0, 0, d.n
          FROM spans p
         CROSS JOIN LATERAL (
                SELECT t.team_id, t.severity, t.plan, CASE WHEN v_cust THEN t.customer_id END AS customer_id,
                       count(*)::int AS n
                  FROM tickets t
                 WHERE t.is_open AND t.first_response_outcome IS NULL AND t.acknowledged_at IS NULL
                   AND t.resolved_at IS NULL
                   AND t.first_response_due >= p.lo AND t.first_response_due < p.hi
                   AND (f.customer_id IS NULL OR t.customer_id = f.customer_id)
                   AND (f.team_id IS NULL OR t.team_id = f.team_id)
                   AND (f.plan IS NULL OR t.plan = f.plan)
                   AND (f.severity IS NULL OR t.severity = f.severity)
                 GROUP BY 1, 2, 3, 4) d
        UNION ALL
        -- past due today, not resolved (the clock frozen while waiting on
        -- the customer): tickets_resolution_past_due_idx
        SELECT v_today, d.team_id, d.severity, d.plan, d.customer_id, 'resolution', 0, 0, d.n
          FROM spans p
         CROSS JOIN LATERAL (
                SELECT t.team_id, t.severity, t.plan, CASE WHEN v_cust THEN t.customer_id END AS customer_id,
                       count(*)::int AS n
                  FROM tickets t
                 WHERE t.is_open AND t.resolved_at IS NULL
                   AND t.resolution_due >= p.lo AND t.resolution_due < p.hi
                   AND (t.waiting_since IS NULL OR t.waiting_since >= t.resolution_due)
                   AND (f.customer_id IS NULL OR t.customer_id = f.customer_id)
                   AND (f.team_id IS NULL OR t.team_id = f.team_id)
                   AND (f.plan IS NULL OR t.plan = f.plan)
                   AND (f.severity IS NULL OR t.severity = f.severity)
                 GROUP BY 1, 2, 3, 4) d
        UNION ALL
        -- past due today, the emergency's update not given (720):
        -- tickets_update_past_due_idx
        SELECT v_today, d.team_id, d.severity, d.plan, d.customer_id, 'update', 0, 0, d.n
          FROM spans p
         CROSS JOIN LATERAL (
                SELECT t.team_id, t.severity, t.plan, CASE WHEN v_cust THEN t.customer_id END AS customer_id,
                       count(*)::int AS n
                  FROM tickets t
                 WHERE t.is_open AND t.resolved_at IS NULL
                   AND t.update_due >= p.lo AND t.update_due < p.hi
                   AND (f.customer_id IS NULL OR t.customer_id = f.customer_id)
                   AND (f.team_id IS NULL OR t.team_id = f.team_id)
                   AND (f.plan IS NULL OR t.plan = f.plan)
                   AND (f.severity IS NULL OR t.severity = f.severity)
                 GROUP BY 1, 2, 3, 4) d
    ), n AS (
        -- summed first by the group's own value (a date, an id: cheap to
        -- hash), then keyed and named per group, not per rollup row
        -- (12 weeks are ~5,700 rollup rows; the Monday is date arithmetic,
        -- equal to date_trunc('week', day)::date without a zone conversion)
        SELECT CASE WHEN p_by = 'week' THEN s.day - ((s.day - date '2000-01-03') % 7 + 7) % 7 END AS w,
               CASE WHEN p_by = 'team' THEN s.team_id END AS team_id,
               CASE WHEN p_by = 'customer' THEN s.customer_id END AS customer_id,
               CASE WHEN p_by = 'severity' THEN s.severity END AS severity,
               CASE WHEN p_by = 'plan' THEN s.plan END AS plan,
               sum(s.met) FILTER (WHERE s.kind = 'first_response') AS fm,
               sum(s.missed) FILTER (WHERE s.kind = 'first_response') AS fx,
               sum(s.met) FILTER (WHERE s.kind = 'update') AS um,
               sum(s.missed) FILTER (WHERE s.kind = 'update') AS ux,
               sum(s.met) FILTER (WHERE s.kind = 'resolution') AS rm,
               sum(s.missed) FILTER (WHERE s.kind = 'resolution') AS rx,
               sum(s.due) FILTER (WHERE s.kind = 'first_response') AS fd,
               sum(s.due) FILTER (WHERE s.kind = 'resolution') AS rd,
               sum(s.due) FILTER (WHERE s.kind = 'update') AS ud
          FROM src s
         WHERE (f.team_id IS NULL OR s.team_id = f.team_id)
           AND (f.plan IS NULL OR s.plan = f.plan)
           AND (f.severity IS NULL OR s.severity = f.severity)
         GROUP BY 1, 2, 3, 4, 5
    ), g AS (
        SELECT CASE p_by WHEN 'week' THEN n.w::text
                         WHEN 'team' THEN (SELECT t.key FROM teams t WHERE t.id = n.team_id)
                         WHEN 'customer' THEN n.customer_id::text
                         WHEN 'severity' THEN n.severity::text
                         WHEN 'plan' THEN n.plan::text
                         ELSE '' END AS k,
               sum(n.fm) AS fm, sum(n.fx) AS fx, sum(n.um) AS um, sum(n.ux) AS ux,
               sum(n.rm) AS rm, sum(n.rx) AS rx, sum(n.fd) AS fd, sum(n.rd) AS rd, sum(n.ud) AS ud
          FROM n
         GROUP BY 1
    ), keys AS (
        -- every week of the period and every severity, even without figures
        SELECT w.w::date::text AS k
          FROM generate_series(date_trunc('week', f.date_from), f.date_to, interval '1 week') AS w(w)
         WHERE p_by = 'week'
        UNION
        SELECT s.level::text FROM severities s WHERE p_by = 'severity'
        UNION
        SELECT '' WHERE p_by = 'total'
        UNION
        SELECT g.k FROM g WHERE p_by NOT IN ('week', 'severity', 'total')
    ), rows AS (
        SELECT k.k, coalesce(g.fm, 0)::bigint AS fm, coalesce(g.fx, 0)::bigint AS fx,
               coalesce(g.um, 0)::bigint AS um, coalesce(g.ux, 0)::bigint AS ux,
               coalesce(g.rm, 0)::bigint AS rm, coalesce(g.rx, 0)::bigint AS rx,
               coalesce(g.fd, 0)::bigint AS fd, coalesce(g.rd, 0)::bigint AS rd,
               coalesce(g.ud, 0)::bigint AS ud
          FROM keys k LEFT JOIN g ON g.k = k.k
    )
    , top AS (
        -- the kept groups first, named afterwards (one lookup per kept row)
        SELECT r.*, row_number() OVER (
                   ORDER BY CASE WHEN p_by IN ('team', 'customer') THEN -(r.fx + r.ux + r.rx + r.fd + r.rd + r.ud) END,
                            CASE WHEN p_by = 'severity' THEN r.k::int END,
                            CASE WHEN p_by = 'customer' THEN lpad(r.k, 12, '0') ELSE r.k END) AS pos
          FROM rows r
         ORDER BY pos
         LIMIT max_rows
    )
    SELECT r.k, report_name(p_by, r.k),
           CASE WHEN p_by = 'severity' THEN
                (SELECT CASE WHEN bool_and(t.clock = 'wall') THEN 'wall'
                             WHEN bool_and(t.clock = 'business') THEN 'business' ELSE 'mixed' END
                   FROM sla_targets t
                  WHERE t.kind = 'first_response' AND t.severity::text = r.k
                    AND (f.plan IS NULL OR t.plan = f.plan)) END,
           r.fm, r.fx, round(100.0 * r.fm / nullif(r.fm + r.fx, 0), 1),
           r.um, r.ux, round(100.0 * r.um / nullif(r.um + r.ux, 0), 1),
           r.rm, r.rx, round(100.0 * r.rm / nullif(r.rm + r.rx, 0), 1),
           r.fd, r.rd, r.ud
      FROM top r
     ORDER BY r.pos;
END
$$;

--- report_sla_trend
-- report_sla's attainment week by week (850): one row per group that has
-- a decided deadline in the period and per week of the period (its
-- Monday), with zeros in the weeks where nothing was decided; the shares
-- as report_sla's (percent, one decimal, NULL when nothing was decided).
-- Keys are report_sla's (a team's key, a customer's id, a severity, a
-- plan, '' for total). By week it returns nothing: a week is its own row
-- there.
CREATE OR REPLACE FUNCTION report_sla_trend(p_from date, p_to date, p_by text, p_team text DEFAULT NULL,
                                 p_plan text DEFAULT NULL, p_severity int DEFAULT NULL,
                                 p_customer text DEFAULT NULL)
    RETURNS TABLE (key text, week date,
                   first_response_met bigint, first_response_missed bigint, first_response_pct numeric,
                   update_met bigint, update_missed bigint, update_pct numeric,
                   resolution_met bigint, resolution_missed bigint, resolution_pct numeric)
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    f      report_filter := report_args(p_from, p_to, p_by, p_team, p_plan, p_severity, p_customer);
    v_cust boolean := f.customer_id IS NOT NULL OR p_by = 'customer';
    -- as in report_sla: by customer (or for one) with no team, plan or
    -- severity in play, the narrow weekly table does
    v_narrow boolean := v_cust AND p_by IN ('customer', 'total')
                        AND f.team_id IS NULL AND f.plan IS NULL AND f.severity IS NULL;
    v_first date := date_trunc('week', f.date_from)::date;
BEGIN
    IF p_by = 'week' THEN
        RETURN;
    END IF;
    RETURN QUERY
    WITH src AS (
        -- the Monday is date arithmetic, as in report_sla
        SELECT r.day - ((r.day - date '2000-01-03') % 7 + 7) % 7 AS w, r.team_id, r.severity, r.plan,
               NULL::int AS customer_id, r.kind, r.met, r.missed
          FROM sla_rollup r
         WHERE NOT v_cust AND r.day BETWEEN f.date_from AND f.date_to
        UNION ALL
        SELECT r.week, r.team_id, r.severity, r.plan, r.customer_id, r.kind, r.met, r.missed
          FROM sla_rollup_customer r
         WHERE v_cust AND NOT v_narrow AND r.week BETWEEN v_first AND f.date_to
           AND (f.customer_id IS NULL OR r.customer_id = f.customer_id)
        UNION ALL
        SELECT r.week, NULL, NULL, NULL, r.customer_id, r.kind, r.met, r.missed
          FROM sla_rollup_customer_week r
         WHERE v_narrow AND r.week BETWEEN v_first AND f.date_to
           AND (f.customer_id IS NULL OR r.customer_id = f.customer_id)
    ), n AS (
        -- summed by week and the group's own value first, keyed afterwards
        SELECT s.w,
               CASE WHEN p_by = 'team' THEN s.team_id END AS team_id,
               CASE WHEN p_by = 'customer' THEN s.customer_id END AS customer_id,
               CASE WHEN p_by = 'severity' THEN s.severity END AS severity,
               CASE WHEN p_by = 'plan' THEN s.plan END AS plan,
               sum(s.met) FILTER (WHERE s.kind = 'first_response') AS fm,
               sum(s.missed) FILTER (WHERE s.kind = 'first_response') AS fx,
               sum(s.met) FILTER (WHERE s.kind = 'update') AS um,
               sum(s.missed) FILTER (WHERE s.kind = 'update') AS ux,
               sum(s.met) FILTER (WHERE s.kind = 'resolution') AS rm,
               sum(s.missed) FILTER (WHERE s.kind = 'resolution') AS rx
          FROM src s
         WHERE (f.team_id IS NULL OR s.team_id = f.team_id)
           AND (f.plan IS NULL OR s.plan = f.plan)
           AND (f.severity IS NULL OR s.severity = f.severity)
         GROUP BY 1, 2, 3, 4, 5
    ), g AS (
        SELECT CASE p_by WHEN 'team' THEN (SELECT t.key FROM teams t WHERE t.id = n.team_id)
                         WHEN 'customer' THEN n.customer_id::text
                         WHEN 'severity' THEN n.severity::text
                         WHEN 'plan' THEN n.plan::text
                         ELSE '' END AS k,
               n.w,
               coalesce(sum(n.fm), 0)::bigint AS fm, coalesce(sum(n.fx), 0)::bigint AS fx,
               coalesce(sum(n.um), 0)::bigint AS um, coalesce(sum(n.ux), 0)::bigint AS ux,
               coalesce(sum(n.rm), 0)::bigint AS rm, coalesce(sum(n.rx), 0)::bigint AS rx
          FROM n
         GROUP BY 1, 2
    ), groups AS (
        SELECT DISTINCT g.k FROM g WHERE g.fm + g.fx + g.um + g.ux + g.rm + g.rx > 0
    ), weeks AS (
        SELECT w.w::date AS w
          FROM generate_series(v_first::timestamp, f.date_to::timestamp, interval '1 week') AS w(w)
    )
    SELECT k.k, w.w,
           coalesce(g.fm, 0), coalesce(g.fx, 0), round(100.0 * g.fm / nullif(g.fm + g.fx, 0), 1),
           coalesce(g.um, 0), coalesce(g.ux, 0), round(100.0 * g.um / nullif(g.um + g.ux, 0), 1),
           coalesce(g.rm, 0), coalesce(g.rx, 0), round(100.0 * g.rm / nullif(g.rm + g.rx, 0), 1)
      FROM groups k
     CROSS JOIN weeks w
      LEFT JOIN g ON g.k = k.k AND g.w = w.w
     ORDER BY k.k, w.w;
END
$$;
