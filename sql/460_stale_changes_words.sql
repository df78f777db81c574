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

