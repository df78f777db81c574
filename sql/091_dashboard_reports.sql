-- 091_dashboard_reports.sql: the figures of `ticketty report` and of the
-- dashboard view, read from the rollups of 090 (DESIGN.md §12).
--
-- Every function takes the same filters: team (key or name), plan
-- (premium|basic), severity (1-4), customer (name or id), NULL = all; an
-- unknown value is refused (TT400, one line per field). Periods are whole
-- days in the report zone; with no dates, the last 12 weeks up to today
-- (the current week and the 11 before it). `by` is one of week, team,
-- customer, severity, plan or total.

SELECT set_config('search_path', 'ticketty', true);

CREATE TYPE report_filter AS (
    team_id     smallint,
    plan        plan_kind,
    severity    smallint,
    customer_id int,
    date_from   date,
    date_to     date
);

-- Resolves and checks the arguments every report takes.
CREATE FUNCTION report_args(p_from date, p_to date, p_by text, p_team text, p_plan text,
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
    IF f.date_from > f.date_to THEN
        e := e || format(E'from\tafter_to\tthe first day comes after the last\n');
    END IF;
    IF e <> '' THEN
        RAISE EXCEPTION 'cannot make the report' USING ERRCODE = 'TT400', DETAIL = rtrim(e, E'\n');
    END IF;
    RETURN f;
END
$$;

-- The label of a group key: team name, customer name, severity name, plan, week.
CREATE FUNCTION report_name(p_by text, k text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT CASE p_by
             WHEN 'team' THEN (SELECT t.name FROM teams t WHERE t.key = k)
             WHEN 'customer' THEN (SELECT c.name FROM customers c WHERE c.id::text = k)
             WHEN 'severity' THEN (SELECT s.name FROM severities s WHERE s.level::text = k)
             ELSE k END
$$;

-- SLA attainment per group: met and missed of each clock, and the share met
-- (percent, one decimal; NULL when nothing was decided). For severity rows,
-- `clock` is the clock of its first-response target (wall = round the
-- clock, business, or mixed when the plans differ). Groups by team and
-- customer come most breaches first (then by key); `max_rows` keeps the first ones.
CREATE FUNCTION report_sla(p_from date, p_to date, p_by text, p_team text DEFAULT NULL,
                           p_plan text DEFAULT NULL, p_severity int DEFAULT NULL,
                           p_customer text DEFAULT NULL, max_rows int DEFAULT NULL)
    RETURNS TABLE (key text, name text, clock text,
                   first_response_met bigint, first_response_missed bigint, first_response_pct numeric,
                   update_met bigint, update_missed bigint, update_pct numeric,
                   resolution_met bigint, resolution_missed bigint, resolution_pct numeric)
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
BEGIN
    RETURN QUERY
    WITH src AS (
        SELECT r.day, r.team_id, r.severity, r.plan, NULL::int AS customer_id, r.kind, r.met, r.missed
          FROM sla_rollup r
         WHERE NOT v_cust AND r.day BETWEEN f.date_from AND f.date_to
        UNION ALL
        SELECT r.week, r.team_id, r.severity, r.plan, r.customer_id, r.kind, r.met, r.missed
          FROM sla_rollup_customer r
         WHERE v_cust AND NOT v_narrow
           AND r.week BETWEEN date_trunc('week', f.date_from)::date AND f.date_to
           AND (f.customer_id IS NULL OR r.customer_id = f.customer_id)
        UNION ALL
        SELECT r.week, NULL, NULL, NULL, r.customer_id, r.kind, r.met, r.missed
          FROM sla_rollup_customer_week r
         WHERE v_narrow AND r.week BETWEEN date_trunc('week', f.date_from)::date AND f.date_to
           AND (f.customer_id IS NULL OR r.customer_id = f.customer_id)
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
               sum(s.missed) FILTER (WHERE s.kind = 'resolution') AS rx
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
               sum(n.rm) AS rm, sum(n.rx) AS rx
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
               coalesce(g.rm, 0)::bigint AS rm, coalesce(g.rx, 0)::bigint AS rx
          FROM keys k LEFT JOIN g ON g.k = k.k
    )
    , top AS (
        -- the kept groups first, named afterwards (one lookup per kept row)
        SELECT r.*, row_number() OVER (
                   ORDER BY CASE WHEN p_by IN ('team', 'customer') THEN -(r.fx + r.ux + r.rx) END,
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
           r.rm, r.rx, round(100.0 * r.rm / nullif(r.rm + r.rx, 0), 1)
      FROM top r
     ORDER BY r.pos;
END
$$;

-- The open backlog per group, by age on the clock's today: created today,
-- 1-2 days ago, 3-6, 7-27, 28 or more. From/to bound the creation day
-- (without dates: every open ticket).
CREATE FUNCTION report_backlog(p_from date, p_to date, p_by text, p_team text DEFAULT NULL,
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
    ), g AS (
        SELECT CASE p_by WHEN 'week' THEN date_trunc('week', s.day)::date::text
                         WHEN 'team' THEN (SELECT t.key FROM teams t WHERE t.id = s.team_id)
                         WHEN 'customer' THEN s.customer_id::text
                         WHEN 'severity' THEN s.severity::text
                         WHEN 'plan' THEN s.plan::text
                         ELSE '' END AS k,
               sum(s.open) AS n,
               sum(s.open) FILTER (WHERE v_today - s.day <= 0) AS a0,
               sum(s.open) FILTER (WHERE v_today - s.day BETWEEN 1 AND 2) AS a1,
               sum(s.open) FILTER (WHERE v_today - s.day BETWEEN 3 AND 6) AS a3,
               sum(s.open) FILTER (WHERE v_today - s.day BETWEEN 7 AND 27) AS a7,
               sum(s.open) FILTER (WHERE v_today - s.day >= 28) AS a28
          FROM src s
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

-- Live escalations (open or acknowledged) per group: how many wait at each
-- level (1 CSM, 2 COO, 3 CEO) and how long the oldest has waited there
-- (seconds). From/to bound the day the level was raised.
-- The totals with no window and no filter (the dashboard's block, the
-- report's default) read the counts from escalation_rollup (160) and each
-- level's oldest from the first entry of escalations_live_level_idx: the
-- same cost at any number of escalations. Anything else counts the rows.
CREATE FUNCTION report_escalations(p_from date, p_to date, p_by text, p_team text DEFAULT NULL,
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

-- The oldest open tickets matching the filters, oldest first.
CREATE FUNCTION report_oldest(p_team text DEFAULT NULL, p_plan text DEFAULT NULL,
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

