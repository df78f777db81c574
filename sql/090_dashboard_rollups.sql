-- 090_dashboard_rollups.sql: figures of the lead's dashboard and of
-- `ticketty report`, kept current by the database (DESIGN.md §12).
--
-- WHAT IS COUNTED, AND ON WHICH DAY
--   Days are dates in the report zone (the default calendar's time zone);
--   weeks start on Monday.
--   * first response: a ticket whose first_response_outcome is stored counts
--     one met or missed on the day of acknowledged_at (of first_response_due
--     when it was decided without an acknowledgement).
--   * resolution: a ticket whose resolution_outcome is stored counts one met
--     or missed on the day of resolved_at; a reopen takes it back out.
--   * update cadence (severity 1): each period that ends (a public reply,
--     or the resolution, while an update was due) is one outcome, kept in
--     sla_update_outcomes on the day it ended: missed when it came after
--     update_due (exactly the cases update_missed_count of 010 counts).
--   * backlog: every open ticket counts on the day it was created.
--   Each ticket counts under its current team, customer, severity and plan:
--   re-triage moves its figures, history included.
--
-- THE ROLLUPS (owned by the triggers below; never write them elsewhere)
--   sla_rollup            day  x team x severity x plan x clock: met, missed
--   sla_rollup_customer   week x customer x team x severity x plan x clock
--   sla_rollup_customer_week  week x customer x clock: the same figures
--                         summed over team, severity and plan, for figures
--                         by customer without those filters (the
--                         dashboard's top ten reads ~1,400 rows, not ~17,600)
--   backlog_rollup        created day x team x severity x plan: open
--   backlog_rollup_customer  customer x created day x team x severity x plan
--   Their size follows days x dimensions, not tickets, so a 12-week report
--   reads the same few thousand rows at 1 thousand tickets as at 10 million.
--   The customer tables are by week (there are many customers), so figures
--   by customer, or filtered to one, cover whole weeks.
--   dashboard_rebuild() recounts everything from the tickets (the demo
--   seeder loads with triggers off and calls it at the end), and the live
--   escalations per level (escalation_rollup, 160).

SELECT set_config('search_path', 'ticketty', true);

-- The zone report days are counted in.
CREATE FUNCTION report_zone() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce((SELECT c.time_zone FROM calendars c WHERE c.is_default), 'UTC')
$$;

-- Today in the report zone, by the one clock.
CREATE FUNCTION report_today() RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT (tt_now() AT TIME ZONE report_zone())::date
$$;

CREATE TABLE sla_update_outcomes (
    id        bigserial PRIMARY KEY,
    ticket_id bigint NOT NULL REFERENCES tickets,
    at        timestamptz NOT NULL,
    outcome   sla_outcome NOT NULL
);
CREATE INDEX sla_update_outcomes_ticket_idx ON sla_update_outcomes (ticket_id);
COMMENT ON TABLE sla_update_outcomes IS
    'Each emergency update period that ended (reply or resolution) with its outcome. Written by a trigger.';

CREATE TABLE sla_rollup (
    day      date NOT NULL,
    team_id  smallint NOT NULL,
    severity smallint NOT NULL,
    plan     plan_kind NOT NULL,
    kind     sla_kind NOT NULL,
    met      int NOT NULL DEFAULT 0,
    missed   int NOT NULL DEFAULT 0,
    PRIMARY KEY (day, team_id, severity, plan, kind)
);
CREATE TABLE sla_rollup_customer (
    week        date NOT NULL,
    customer_id int NOT NULL,
    team_id     smallint NOT NULL,
    severity    smallint NOT NULL,
    plan        plan_kind NOT NULL,
    kind        sla_kind NOT NULL,
    met         int NOT NULL DEFAULT 0,
    missed      int NOT NULL DEFAULT 0,
    PRIMARY KEY (customer_id, week, team_id, severity, plan, kind)
);
CREATE INDEX sla_rollup_customer_week_idx ON sla_rollup_customer (week) INCLUDE (customer_id, missed);
CREATE TABLE sla_rollup_customer_week (
    week        date NOT NULL,
    customer_id int NOT NULL,
    kind        sla_kind NOT NULL,
    met         int NOT NULL DEFAULT 0,
    missed      int NOT NULL DEFAULT 0,
    PRIMARY KEY (week, customer_id, kind)
);
CREATE TABLE backlog_rollup (
    day      date NOT NULL,
    team_id  smallint NOT NULL,
    severity smallint NOT NULL,
    plan     plan_kind NOT NULL,
    open     int NOT NULL DEFAULT 0,
    PRIMARY KEY (day, team_id, severity, plan)
);
CREATE TABLE backlog_rollup_customer (
    customer_id int NOT NULL,
    day         date NOT NULL,
    team_id     smallint NOT NULL,
    severity    smallint NOT NULL,
    plan        plan_kind NOT NULL,
    open        int NOT NULL DEFAULT 0,
    PRIMARY KEY (customer_id, day, team_id, severity, plan)
);
COMMENT ON TABLE sla_rollup IS 'SLA outcomes per day; maintained by tickets_dashboard_* triggers (090).';
COMMENT ON TABLE sla_rollup_customer IS 'SLA outcomes per week and customer; maintained by triggers (090).';
COMMENT ON TABLE sla_rollup_customer_week IS
    'SLA outcomes per week and customer, all teams, severities and plans; maintained by triggers (090).';
COMMENT ON TABLE backlog_rollup IS 'Open tickets per creation day; maintained by triggers (090).';
COMMENT ON TABLE backlog_rollup_customer IS 'Open tickets per customer and creation day; maintained by triggers (090).';

-- Dashboard queries: the oldest open tickets, and live escalations by level.
CREATE INDEX tickets_open_created_idx ON tickets (created_at, id) WHERE is_open;
CREATE INDEX escalations_live_level_idx
    ON escalations (level, raised_at) WHERE state IN ('open', 'acknowledged');

-- ------------------------------------------------------------ the facts --

-- What one ticket contributes: SLA outcomes (kind, day, met, missed) and
-- its place in the backlog (kind NULL, day created, open = 1). Cadence
-- outcomes come from sla_update_outcomes when `with_updates`.
CREATE FUNCTION dashboard_facts(t tickets, z text, with_updates boolean)
    RETURNS TABLE (kind sla_kind, day date, met int, missed int, open int)
    LANGUAGE sql STABLE
    -- no SET clause, every name qualified: the trigger's query inlines it
    -- (a SET clause made it a function scan, planned again for every row)
AS $$
    SELECT 'first_response'::ticketty.sla_kind,
           (coalesce(t.acknowledged_at, t.first_response_due) AT TIME ZONE z)::date,
           (t.first_response_outcome = 'met')::int, (t.first_response_outcome = 'missed')::int, 0
     WHERE t.first_response_outcome IS NOT NULL
    UNION ALL
    SELECT 'resolution', (t.resolved_at AT TIME ZONE z)::date,
           (t.resolution_outcome = 'met')::int, (t.resolution_outcome = 'missed')::int, 0
     WHERE t.resolution_outcome IS NOT NULL AND t.resolved_at IS NOT NULL
    UNION ALL
    SELECT NULL, (t.created_at AT TIME ZONE z)::date, 0, 0, 1
     WHERE t.is_open
    UNION ALL
    SELECT 'update', (u.at AT TIME ZONE z)::date,
           (u.outcome = 'met')::int, (u.outcome = 'missed')::int, 0
      FROM ticketty.sla_update_outcomes u
     WHERE with_updates AND u.ticket_id = t.id
$$;

-- Adds facts (signed) to the four rollups, in key order.
CREATE FUNCTION dashboard_add(p_customer int, p_team smallint, p_sev smallint, p_plan plan_kind,
                              p_kind sla_kind, p_day date, p_met int, p_missed int, p_open int)
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
    ELSE
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
END
$$;

-- The cadence outcome a change of a severity-1 ticket ends, mirroring the
-- update_missed_count rule of tickets_sla_update (010): a public reply
-- while an update was due (met when not after update_due), else the
-- resolution (or closing) of an open ticket while one was due.
CREATE FUNCTION dashboard_cadence(o tickets, n tickets, OUT at timestamptz, OUT outcome sla_outcome)
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
    ELSE
        RETURN;
    END IF;
    outcome := CASE WHEN at > o.update_due THEN 'missed' ELSE 'met' END;
END
$$;

CREATE FUNCTION tickets_dashboard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    -- report_zone(), read here: a call of it is planned anew in every
    -- transaction, and this runs for every ticket written
    z    text := coalesce((SELECT c.time_zone FROM calendars c WHERE c.is_default), 'UTC');
    f    record;
    c    record;
    moved boolean := TG_OP = 'UPDATE'
                     AND (OLD.team_id, OLD.customer_id, OLD.severity, OLD.plan)
                         IS DISTINCT FROM (NEW.team_id, NEW.customer_id, NEW.severity, NEW.plan);
BEGIN
    -- what changed, as signed facts per rollup key (no-ops dropped), in key order
    FOR f IN
        SELECT x.customer_id, x.team_id, x.severity, x.plan, x.kind, x.day,
               sum(x.met)::int AS met, sum(x.missed)::int AS missed, sum(x.open)::int AS open
          FROM (SELECT OLD.customer_id, OLD.team_id, OLD.severity, OLD.plan, d.kind, d.day,
                       -d.met AS met, -d.missed AS missed, -d.open AS open
                  FROM dashboard_facts(OLD, z, moved OR TG_OP = 'DELETE') d
                 WHERE TG_OP <> 'INSERT'
                UNION ALL
                SELECT NEW.customer_id, NEW.team_id, NEW.severity, NEW.plan, d.kind, d.day,
                       d.met, d.missed, d.open
                  FROM dashboard_facts(NEW, z, moved) d
                 WHERE TG_OP <> 'DELETE') x
         GROUP BY 1, 2, 3, 4, 5, 6
        HAVING sum(x.met) <> 0 OR sum(x.missed) <> 0 OR sum(x.open) <> 0
         ORDER BY 5 NULLS FIRST, 6, 2, 3, 4, 1
    LOOP
        PERFORM dashboard_add(f.customer_id, f.team_id, f.severity, f.plan, f.kind, f.day,
                              f.met, f.missed, f.open);
    END LOOP;
    IF TG_OP = 'UPDATE' THEN
        c := dashboard_cadence(OLD, NEW);
        IF c.outcome IS NOT NULL THEN
            INSERT INTO sla_update_outcomes (ticket_id, at, outcome) VALUES (NEW.id, c.at, c.outcome);
            PERFORM dashboard_add(NEW.customer_id, NEW.team_id, NEW.severity, NEW.plan, 'update',
                                  (c.at AT TIME ZONE z)::date,
                                  (c.outcome = 'met')::int, (c.outcome = 'missed')::int, 0);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

-- A new ticket's facts are added by tickets_after_insert (175), the one
-- AFTER INSERT trigger of tickets.
CREATE TRIGGER tickets_dashboard_update
    AFTER UPDATE ON tickets
    FOR EACH ROW
    WHEN ((OLD.team_id, OLD.customer_id, OLD.severity, OLD.plan, OLD.created_at, OLD.is_open,
           OLD.first_response_outcome, OLD.acknowledged_at, OLD.first_response_due,
           OLD.resolution_outcome, OLD.resolved_at, OLD.last_public_reply_at)
          IS DISTINCT FROM
          (NEW.team_id, NEW.customer_id, NEW.severity, NEW.plan, NEW.created_at, NEW.is_open,
           NEW.first_response_outcome, NEW.acknowledged_at, NEW.first_response_due,
           NEW.resolution_outcome, NEW.resolved_at, NEW.last_public_reply_at))
    EXECUTE FUNCTION tickets_dashboard();
CREATE TRIGGER tickets_dashboard_delete
    AFTER DELETE ON tickets
    FOR EACH ROW EXECUTE FUNCTION tickets_dashboard();

-- Recounts every rollup from the tickets and the stored cadence outcomes
-- (set-based: used after bulk loads with triggers off, and when the
-- report zone changes). Owner only.
CREATE FUNCTION dashboard_rebuild() RETURNS void
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    z text := report_zone();
BEGIN
    TRUNCATE sla_rollup, sla_rollup_customer, sla_rollup_customer_week, backlog_rollup,
             backlog_rollup_customer;
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
      FROM sla_update_outcomes u JOIN tickets t ON t.id = u.ticket_id;
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
    -- live escalations per level (160_escalation_rollup.sql)
    PERFORM escalation_rollup_rebuild();
END
$$;

-- Days move when the report zone does: recount.
CREATE FUNCTION calendars_dashboard_zone() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM dashboard_rebuild();
    RETURN NULL;
END
$$;
CREATE TRIGGER calendars_dashboard_zone
    AFTER UPDATE OF time_zone, is_default ON calendars
    FOR EACH STATEMENT EXECUTE FUNCTION calendars_dashboard_zone();

REVOKE ALL ON FUNCTION dashboard_facts(tickets, text, boolean) FROM ticketty_agent, PUBLIC;
REVOKE ALL ON FUNCTION dashboard_add(int, smallint, smallint, plan_kind, sla_kind, date, int, int, int)
    FROM ticketty_agent, PUBLIC;
REVOKE ALL ON FUNCTION dashboard_cadence(tickets, tickets) FROM ticketty_agent, PUBLIC;
REVOKE ALL ON FUNCTION tickets_dashboard() FROM ticketty_agent, PUBLIC;
REVOKE ALL ON FUNCTION dashboard_rebuild() FROM ticketty_agent, PUBLIC;
REVOKE ALL ON FUNCTION calendars_dashboard_zone() FROM ticketty_agent, PUBLIC;
