-- 963_search_joined_words.sql: a word written with an apostrophe or
-- hyphens inside is found written joined (DESIGN.md section 11). The
-- parser reads "O'Brien" as the words "O" and "Brien" (the apostrophe a
-- blank) and "Jean-Luc" as 'jean-luc', 'jean' and 'luc', so "obrien"
-- found no O'Brien and "jeanluc" no Jean-Luc. search_words now appends
-- each such word joined (search_joined_words, new: an apostrophe before
-- 3 letters or more, "d'Artagnan", "L'Oréal", not "don't" or
-- "customer's"; letters joined by hyphens, "e-mail"), and search_query
-- looks for a query word's joined form beside the parser's reading.
--
-- The vectors stored before lack the joined words: they are appended
-- here, each text's with its weight (A title and IDs, B description, C
-- customer, contact and public messages, D the rest), which is what
-- search_words now gives those texts but for the positions (after the
-- ticket's other words instead of after each text's: a joined word is
-- looked for alone or as an alternative, never at a position). Only the
-- tickets with such a word in some text are rewritten; the texts are
-- picked by a regular expression before any is parsed. A vector that
-- would pass PostgreSQL's 1 MB limit keeps what it has, as a new message
-- does (search_comments_changed).

SELECT set_config('search_path', 'ticketty', true);

-- @function search_joined_words

CREATE TEMP TABLE search_joined_own ON COMMIT DROP AS
SELECT t.id AS ticket_id,
       setweight(search_joined_words(a.txt), 'A') || setweight(search_joined_words(b.txt), 'B') AS doc
  FROM tickets t
 CROSS JOIN LATERAL (SELECT concat_ws(' ', t.id, t.title, array_to_string(t.object_ids, ' '), t.member_id,
                                      t.bidder_id, t.creative_id, t.bug_ref) AS txt) a
 CROSS JOIN LATERAL (SELECT concat_ws(' ', t.description, t.impact, t.repro_steps) AS txt) b
 WHERE a.txt ~ '[[:alpha:]À-ÖØ-öø-ɏ](?:[''’ʼ][[:alpha:]À-ÖØ-öø-ɏ]{3}|-[[:alpha:]À-ÖØ-öø-ɏ])'
    OR b.txt ~ '[[:alpha:]À-ÖØ-öø-ɏ](?:[''’ʼ][[:alpha:]À-ÖØ-öø-ɏ]{3}|-[[:alpha:]À-ÖØ-öø-ɏ])';

-- the customer and contact (search_party_doc), once per pair
CREATE TEMP TABLE search_joined_party ON COMMIT DROP AS
SELECT p.customer_id, p.contact_id,
       setweight(search_joined_words(concat_ws(' ', cu.name, co.name, co.email)), 'C') AS doc,
       setweight(search_joined_words(cu.name), 'C') AS shared
  FROM (SELECT DISTINCT t.customer_id, t.contact_id FROM tickets t) p
  JOIN customers cu ON cu.id = p.customer_id
  LEFT JOIN contacts co ON co.id = p.contact_id
 WHERE concat_ws(' ', cu.name, co.name, co.email)
       ~ '[[:alpha:]À-ÖØ-öø-ɏ](?:[''’ʼ][[:alpha:]À-ÖØ-öø-ɏ]{3}|-[[:alpha:]À-ÖØ-öø-ɏ])';

-- the messages and notes, in the order they were written (search_doc)
CREATE TEMP TABLE search_joined_messages ON COMMIT DROP AS
SELECT c.ticket_id,
       tsvector_agg(setweight(search_joined_words(c.body),
                              CASE WHEN c.kind = 'public' THEN 'C' ELSE 'D' END::"char")
                    ORDER BY c.created_at, c.id) AS doc,
       tsvector_agg(setweight(search_joined_words(c.body),
                              CASE WHEN c.kind = 'public' THEN 'C' ELSE 'D' END::"char")
                    ORDER BY c.created_at, c.id) FILTER (WHERE c.kind <> 'internal') AS shared
  FROM comments c
 WHERE c.body ~ '[[:alpha:]À-ÖØ-öø-ɏ](?:[''’ʼ][[:alpha:]À-ÖØ-öø-ɏ]{3}|-[[:alpha:]À-ÖØ-öø-ɏ])'
 GROUP BY c.ticket_id;

CREATE TEMP TABLE search_joined_more ON COMMIT DROP AS
SELECT t.id AS ticket_id,
       coalesce(o.doc, '') || coalesce(p.doc, '') || coalesce(m.doc, '') AS doc,
       coalesce(o.doc, '') || coalesce(p.shared, '') || coalesce(m.shared, '') AS shared
  FROM tickets t
  LEFT JOIN search_joined_own o ON o.ticket_id = t.id
  LEFT JOIN search_joined_party p ON p.customer_id = t.customer_id
                                 AND p.contact_id IS NOT DISTINCT FROM t.contact_id
  LEFT JOIN search_joined_messages m ON m.ticket_id = t.id
 WHERE o.ticket_id IS NOT NULL OR p.customer_id IS NOT NULL OR m.ticket_id IS NOT NULL;

DO $$
DECLARE
    r record;
BEGIN
    BEGIN
        UPDATE ticket_search s SET doc = s.doc || x.doc
          FROM search_joined_more x WHERE x.ticket_id = s.ticket_id AND x.doc <> '';
        UPDATE ticket_search_shared s SET doc = s.doc || x.shared
          FROM search_joined_more x WHERE x.ticket_id = s.ticket_id AND x.shared <> '';
    EXCEPTION WHEN program_limit_exceeded THEN
        -- some vector would pass 1 MB: one ticket at a time, that one kept
        FOR r IN SELECT * FROM search_joined_more ORDER BY ticket_id LOOP
            BEGIN
                UPDATE ticket_search s SET doc = s.doc || r.doc
                 WHERE s.ticket_id = r.ticket_id AND r.doc <> '';
            EXCEPTION WHEN program_limit_exceeded THEN
                NULL;
            END;
            BEGIN
                UPDATE ticket_search_shared s SET doc = s.doc || r.shared
                 WHERE s.ticket_id = r.ticket_id AND r.shared <> '';
            EXCEPTION WHEN program_limit_exceeded THEN
                NULL;
            END;
        END LOOP;
    END;
END
$$;

DROP TABLE search_joined_own, search_joined_party, search_joined_messages, search_joined_more;
ANALYZE ticket_search;
ANALYZE ticket_search_shared;
