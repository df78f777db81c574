-- 180_stale_changes.sql: the changes a stale edit names, in the desk's time.
--
-- ticket_changes_since() (030) wrote "at 21:33": the hour alone, in the
-- session's time zone (UTC for every client), so a change made this
-- afternoon in New York read as evening and one of last week as today.
-- Each change now carries its day, hour and zone in the desk's time zone
-- (the default calendar's): "alice took it at Nov 24 16:16 EST".
-- The function's SET clause keeps the caller's TimeZone: the zone set
-- inside lasts until the function returns.

SELECT set_config('search_path', 'ticketty', true);

