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

CREATE OR REPLACE FUNCTION ticket_changes_since(p_ticket bigint, p_since int) RETURNS text
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
    SET TimeZone = 'UTC'
AS $$
BEGIN
    PERFORM pg_catalog.set_config('TimeZone',
        coalesce((SELECT c.time_zone FROM calendars c WHERE c.is_default), 'UTC'), true);
    RETURN (
        SELECT string_agg(
                   coalesce(a.login::text, 'the system') || ' ' ||
                   CASE e.kind
                       WHEN 'status'  THEN 'set status to ' || coalesce(e.details->>'to', '?')
                       WHEN 'ack'     THEN 'acknowledged it with a public reply'
                       WHEN 'reply'   THEN 'replied to the customer'
                       WHEN 'note'    THEN 'added an internal note'
                       WHEN 'take'    THEN 'took it'
                       WHEN 'assign'  THEN 'assigned it to ' || coalesce(e.details->>'assignee', '?')
                       WHEN 'resolve' THEN 'resolved it'
                       WHEN 'close'   THEN 'closed it'
                       WHEN 'reopen'  THEN 'reopened it'
                       WHEN 'retriage' THEN 're-triaged it (' || coalesce((SELECT string_agg(k, ', ' ORDER BY k)
                                               FROM jsonb_object_keys(e.details->'changes') AS k), '?') || ')'
                       ELSE 'made a change (' || e.kind || ')'
                   END || ' at ' || to_char(e.at, 'Mon FMDD HH24:MI TZ'),
                   '; ' ORDER BY e.at, e.id)
          FROM ticket_events e
          LEFT JOIN agents a ON a.id = e.actor_id
         WHERE e.ticket_id = p_ticket AND e.version > p_since);
END
$$;
