-- 140_business_day.sql: how long one business day is, for showing
-- business durations in words ("5 business days", "2 d 3 h business").
--
-- DESIGN.md §6: one business day = the length of one opening day of the
-- calendar (9 business hours for the default Monday-Friday 09:00-18:00).
-- A calendar whose weekdays open for different spans counts the span most
-- of its working weekdays have (the longer one on a tie). A calendar with
-- no opening hours has no row: its business time is shown in hours.
-- The SLA targets themselves stay in minutes (sla_targets); this is for
-- the words only.

SELECT set_config('search_path', 'ticketty', true);

CREATE VIEW calendar_day_length AS
SELECT DISTINCT ON (h.calendar_id)
       h.calendar_id,
       extract(epoch FROM h.closes - h.opens)::int AS secs
  FROM calendar_hours h
 GROUP BY h.calendar_id, h.closes - h.opens
 ORDER BY h.calendar_id, count(*) DESC, h.closes - h.opens DESC;
COMMENT ON VIEW calendar_day_length IS
    'One business day of each calendar in seconds: its most common opening-day length (DESIGN.md §6).';
