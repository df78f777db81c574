-- 650_search_link_words.sql: an ID inside a link, a path, a file name or
-- an address is found alone. PostgreSQL's text search parser reads
-- "https://jira.example.com/browse/ADX-991" as a host and a URL path, and
-- "ADX-992.log" and "tools/ADX-993" as one token each, and the configuration ticketty.search_text (070) stores each such
-- token whole ('/browse/adx-991'); the query "ADX-991" is the phrase
-- 'adx' <-> '-991', so the ticket whose bug reference is the Jira link
-- was not found by the ID an engineer pastes. A dictionary cannot split a
-- token into words, so every text is now indexed through search_words():
-- its vector as before, then the words of each such token (its
-- punctuation read as spaces, hyphens kept, so "ADX-991" is parsed as the
-- query parses it). The link pasted whole still matches its whole token.
-- An address is left whole (a contact's address is searched as such).
-- Replaces 070's search_comment_doc, search_own_doc and search_party_doc,
-- 175's tickets_after_insert and 310's search_snippet whole, then
-- rewrites the vectors that change: those of tickets whose text holds
-- such a token (a '/', or a '.' between letters or digits).

SELECT set_config('search_path', 'ticketty', true);

-- @function search_words (sql/functions/search.sql)

-- The vectors that change: those of the tickets whose text holds a link,
-- a path or a file name (the search_words() guard), rewritten once each.
CREATE TEMP TABLE search_link_docs ON COMMIT DROP AS
SELECT t.id, search_doc(t) AS doc, search_shared_doc(t) AS shared
  FROM tickets t
 WHERE t.id IN (SELECT t2.id FROM tickets t2
                 WHERE concat_ws(' ', t2.title, array_to_string(t2.object_ids, ' '), t2.bug_ref,
                                 t2.description, t2.impact, t2.repro_steps)
                       ~ '/|[[:alnum:]]\.[[:alnum:]]'
                UNION
                SELECT c.ticket_id FROM comments c WHERE c.body ~ '/|[[:alnum:]]\.[[:alnum:]]'
                UNION
                SELECT t3.id FROM tickets t3
                  JOIN customers cu ON cu.id = t3.customer_id
                  LEFT JOIN contacts co ON co.id = t3.contact_id
                 WHERE concat_ws(' ', cu.name, co.name) ~ '/|[[:alnum:]]\.[[:alnum:]]');
UPDATE ticket_search s SET doc = n.doc
  FROM search_link_docs n WHERE n.id = s.ticket_id AND s.doc IS DISTINCT FROM n.doc;
UPDATE ticket_search_shared s SET doc = n.shared
  FROM search_link_docs n WHERE n.id = s.ticket_id AND s.doc IS DISTINCT FROM n.shared;
DROP TABLE search_link_docs;
