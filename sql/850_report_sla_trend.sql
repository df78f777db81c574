-- 850_report_sla_trend.sql: the week-by-week trend of each group of
-- `ticketty report sla` (DESIGN.md §12): met and missed of each clock per
-- group and week, for the sparklines of the text report and the "weeks"
-- of its JSON rows.
--
-- It reads the SLA rollups only (sla_rollup by day, sla_rollup_customer
-- and sla_rollup_customer_week by week; 090), never the tickets: the cost
-- is bounded by groups x weeks, like report_sla's. The past-due figures
-- are not here: the trend is the share of the decided deadlines, the one
-- the report's bars show.
--
-- It takes report_sla's arguments (720) and reads them the same way:
-- the same filters, the same report zone (the rollups' days are days
-- there) and the same weeks (Monday to Sunday; a period starting mid-week
-- has its first week cut there, unless the figures are a customer's,
-- kept by whole weeks). Also 049's agent_callable_helpers, whole, with
-- report_sla_trend: agents call it as they call report_sla.

SELECT set_config('search_path', 'ticketty', true);

-- One row per group that has a decided deadline in the period and per
-- week of the period (its Monday), with zeros in the weeks where nothing
-- was decided; the shares as report_sla's (percent, one decimal, NULL
-- when nothing was decided). Keys are report_sla's (a team's key, a
-- customer's id, a severity, a plan, '' for total). By week it returns
-- nothing: a week is its own row there.
CREATE FUNCTION report_sla_trend(p_from date, p_to date, p_by text, p_team text DEFAULT NULL,
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

-- 450's agent_callable_helpers, whole, with report_sla_trend (850).
CREATE OR REPLACE FUNCTION agent_callable_helpers() RETURNS name[]
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT ARRAY['clock_may_pin', 'tt_now', 'is_valid_time_zone', 'default_calendar_id',
                 'current_agent_id', 'current_agent_role', 'require_role', 'session_agent_id',
                 'session_agent_is_admin', 'session_agent_is_support', 'calendar_horizon_start', 'calendar_horizon_end',
                 'business_position', 'business_position_cached', 'business_at',
                 'business_seconds', 'business_add', 'clock_add', 'clock_between',
                 'sla_target', 'sla_due', 'sla_risk_at', 'iso_in_zone', 'ticket_sla',
                 'ticket_deadlines', 'ticket_sla_json', 'ticket_sla_state',
                 'policy_json', 'escalation_rank', 'escalation_is_mine', 'escalation_can_act',
                 'is_following', 'json_safe_text', 'calendar_holidays', 'queue_sla',
                 'report_zone', 'report_today', 'report_args', 'report_name', 'report_sla',
                 'report_backlog', 'report_escalations', 'report_oldest',
                 -- the weekly trend of report sla's groups (850)
                 'report_sla_trend',
                 -- the intake and re-triage forms (020, 100): read-only
                 'intake_applies', 'intake_form', 'ticket_intake_payload',
                 -- search (070, 071): read-only, called by agents' queries
                 'search', 'search_json', 'search_partial', 'search_query',
                 'search_customer', 'search_window', 'search_doc', 'search_shared_doc',
                 'search_fields_doc', 'search_own_doc', 'search_party_doc', 'search_comment_doc',
                 'search_duplicates', 'tsvector_agg',
                 'customer_history', 'ticket_surviving', 'ticket_links_of', 'similarity',
                 'similarity_dist',
                 -- how a message reads in the inbox and the timeline (450)
                 'mail_delivery']::name[]
$$;
