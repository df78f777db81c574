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

-- @function report_args (sql/functions/reports.sql)

-- @function report_name (sql/functions/reports.sql)

-- @function report_backlog (sql/functions/reports.sql)

-- @function report_escalations (sql/functions/reports.sql)

-- @function report_oldest (sql/functions/reports.sql)

