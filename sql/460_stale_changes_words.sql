-- 460_stale_changes_words.sql: the changes a stale edit names can be read
-- in the reader's language.
--   * ticket_changes_since (180) joined each change from pieces
--     ('alice' || ' ' || 'took it' || ' at ' || time), so no client could
--     tell its words from its values and a Spanish reader got the list in
--     English. Each change is now one format() per kind ('%s took it at
--     %s'): a message format the client finds and translates like any
--     other (src/db/servermsg.c), the list joined by "; " as before. The
--     English text is unchanged.
--   * ticket_changes_since is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- 180's ticket_changes_since, whole. What changed on ticket p_ticket after
-- version p_since, oldest first, in the desk's time zone (the default
-- calendar's): "alice took it at Nov 24 16:16 EST; bob replied to the
-- customer at Nov 24 16:20 EST". The SET clause keeps the caller's
-- TimeZone: the zone set inside lasts until the function returns.
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
                   CASE e.kind
                       WHEN 'status'  THEN format('%s set status to %s at %s', x.who,
                                                  coalesce(e.details->>'to', '?'), x.at)
                       WHEN 'ack'     THEN format('%s acknowledged it with a public reply at %s', x.who, x.at)
                       WHEN 'reply'   THEN format('%s replied to the customer at %s', x.who, x.at)
                       WHEN 'note'    THEN format('%s added an internal note at %s', x.who, x.at)
                       WHEN 'take'    THEN format('%s took it at %s', x.who, x.at)
                       WHEN 'assign'  THEN format('%s assigned it to %s at %s', x.who,
                                                  coalesce(e.details->>'assignee', '?'), x.at)
                       WHEN 'resolve' THEN format('%s resolved it at %s', x.who, x.at)
                       WHEN 'close'   THEN format('%s closed it at %s', x.who, x.at)
                       WHEN 'reopen'  THEN format('%s reopened it at %s', x.who, x.at)
                       WHEN 'retriage' THEN format('%s re-triaged it (%s) at %s', x.who,
                                                   coalesce((SELECT string_agg(k, ', ' ORDER BY k)
                                                               FROM jsonb_object_keys(e.details->'changes') AS k), '?'),
                                                   x.at)
                       ELSE format('%s made a change (%s) at %s', x.who, e.kind, x.at)
                   END,
                   '; ' ORDER BY e.at, e.id)
          FROM ticket_events e
          LEFT JOIN agents a ON a.id = e.actor_id
          CROSS JOIN LATERAL (SELECT coalesce(a.login::text, 'the system') AS who,
                                     to_char(e.at, 'Mon FMDD HH24:MI TZ') AS at) x
         WHERE e.ticket_id = p_ticket AND e.version > p_since);
END
$$;
