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

-- @function report_sla_trend (sql/functions/reports.sql)

