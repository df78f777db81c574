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

-- @function report_zone (sql/functions/reports.sql)

-- @function report_today (sql/functions/reports.sql)

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

-- @function dashboard_cadence (sql/functions/reports.sql)

-- @function tickets_dashboard (sql/functions/reports.sql)

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

-- @function dashboard_rebuild (sql/functions/reports.sql)

-- @function calendars_dashboard_zone (sql/functions/reports.sql)
CREATE TRIGGER calendars_dashboard_zone
    AFTER UPDATE OF time_zone, is_default ON calendars
    FOR EACH STATEMENT EXECUTE FUNCTION calendars_dashboard_zone();

