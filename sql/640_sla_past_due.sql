-- 640_sla_past_due.sql: `report sla` and the dashboard counted a deadline
-- only once it was decided (answered or resolved), so a week read 98 % met
-- while the queue held overdue tickets nobody had answered. Beside met and
-- missed, report_sla now gives the deadlines past due now and not yet
-- decided, per clock: first_response_past_due (open, not acknowledged,
-- its first-response deadline passed) and resolution_past_due (open, not
-- resolved, its resolution deadline passed on the ticket's running clock:
-- while it waits on the customer the clock is frozen at waiting_since, as
-- ticket_sla_state of 030 reads it). They are live figures, not rollups:
-- each counts in the week its deadline passed, in the report's period
-- (a customer's: whole weeks), groups and filters; they are not in the
-- share met (nothing is decided yet), and groups by team and customer
-- come most breaches first, past due included.
--
-- Their cost follows the overdue tickets, not the desk: each is read from
-- a partial index on the deadline over the open, undecided tickets only,
-- scanned from the period's start to now, with the group columns included
-- (an index-only scan where the visibility map allows).
-- report_sla (091) is replaced whole (its result gains two columns, so it
-- is dropped and created; agents keep EXECUTE by the default privileges of
-- 002, and it stays in agent_callable_helpers).

SELECT set_config('search_path', 'ticketty', true);

CREATE INDEX tickets_first_response_past_due_idx
    ON tickets (first_response_due) INCLUDE (team_id, severity, plan, customer_id)
    WHERE is_open AND first_response_outcome IS NULL AND acknowledged_at IS NULL AND resolved_at IS NULL;
CREATE INDEX tickets_resolution_past_due_idx
    ON tickets (resolution_due) INCLUDE (team_id, severity, plan, customer_id, waiting_since)
    WHERE is_open AND resolved_at IS NULL;

DROP FUNCTION report_sla(date, date, text, text, text, int, text, int);

-- SLA attainment per group: met and missed of each clock, and the share met
-- (percent, one decimal; NULL when nothing was decided). For severity rows,
-- `clock` is the clock of its first-response target (wall = round the
-- clock, business, or mixed when the plans differ). Groups by team and
-- customer come most breaches first (then by key); `max_rows` keeps the first ones.
-- first_response_past_due and resolution_past_due: the deadlines of that
-- clock past due now and not decided, on the day each passed (see 640).
CREATE FUNCTION report_sla(p_from date, p_to date, p_by text, p_team text DEFAULT NULL,
                           p_plan text DEFAULT NULL, p_severity int DEFAULT NULL,
                           p_customer text DEFAULT NULL, max_rows int DEFAULT NULL)
    RETURNS TABLE (key text, name text, clock text,
                   first_response_met bigint, first_response_missed bigint, first_response_pct numeric,
                   update_met bigint, update_missed bigint, update_pct numeric,
                   resolution_met bigint, resolution_missed bigint, resolution_pct numeric,
                   first_response_past_due bigint, resolution_past_due bigint)
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
BEGIN
    RETURN QUERY
    WITH spans AS (
        -- where the past-due deadlines are looked for: by week, each week
        -- of the period (its Monday, its instants in the report zone), so
        -- no zone arithmetic is done per ticket; else the whole period
        SELECT w.w::date AS monday, greatest(w.w::date::timestamp AT TIME ZONE z, v_lo) AS lo,
               least((w.w::date + 7)::timestamp AT TIME ZONE z, v_hi, v_now + interval '1 microsecond') AS hi
          FROM generate_series(date_trunc('week', f.date_from)::date, f.date_to, interval '1 week') AS w(w)
         WHERE p_by = 'week'
        UNION ALL
        SELECT NULL::date, v_lo, least(v_hi, v_now + interval '1 microsecond') WHERE p_by <> 'week'
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
        -- past due now, not answered: tickets_first_response_past_due_idx,
        -- one range scan per span, counted per span and key here (a few
        -- hundred rows go on, not one per overdue ticket)
        SELECT p.monday, d.team_id, d.severity, d.plan, d.customer_id, 'first_response', 0, 0, d.n
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
        -- past due now, not resolved (the clock frozen while waiting on
        -- the customer): tickets_resolution_past_due_idx
        SELECT p.monday, d.team_id, d.severity, d.plan, d.customer_id, 'resolution', 0, 0, d.n
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
               sum(s.due) FILTER (WHERE s.kind = 'resolution') AS rd
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
               sum(n.rm) AS rm, sum(n.rx) AS rx, sum(n.fd) AS fd, sum(n.rd) AS rd
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
               coalesce(g.fd, 0)::bigint AS fd, coalesce(g.rd, 0)::bigint AS rd
          FROM keys k LEFT JOIN g ON g.k = k.k
    )
    , top AS (
        -- the kept groups first, named afterwards (one lookup per kept row)
        SELECT r.*, row_number() OVER (
                   ORDER BY CASE WHEN p_by IN ('team', 'customer') THEN -(r.fx + r.ux + r.rx + r.fd + r.rd) END,
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
           r.fd, r.rd
      FROM top r
     ORDER BY r.pos;
END
$$;
