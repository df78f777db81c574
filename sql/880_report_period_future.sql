-- 880_report_period_future.sql: a report of a period that has not begun
-- said nothing useful. `report sla --from` a day after today (the end
-- being today when --to is not given) was refused as "the first day comes
-- after the last", naming a last day the user never gave; a period
-- wholly after today (--from and --to both ahead) was accepted and
-- printed weeks with nothing in them, exit 0. A first day after today is
-- now refused on field `from`, code `future`, saying so; and a period
-- of more than ten years on field `from`, code `too_long` (a report of
-- 0001-01-01 to 9999-12-31 printed half a million weeks, or by customer
-- ran into the statement timeout, exit 75, "try again" for good).
-- report_args (091) is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

