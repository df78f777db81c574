-- 964_search_address_words.sql: an e-mail address or a host with a port
-- in a ticket's text, its messages or its contact is found by its parts
-- (DESIGN.md section 11). The parser keeps "billing@acme-corp.example"
-- and "acme-corp.example:8080" whole (one word each, an email and a host
-- token), so the domain "acme-corp.example", the local part "ana.lopez"
-- and the words "acme" or "billing" of an address written in a message
-- found nothing. search_words now appends an address's local part,
-- domain and their words, and a host without its port
-- (search_address_words, new).
--
-- The vectors stored before lack those words: they are appended here,
-- as 963 appends the joined words (each text's with its weight, after
-- the ticket's other words; only the tickets with an address or a host
-- with a port in some text, picked by a regular expression first). A
-- contact's address is such a text, so every ticket with a contact has
-- its support-staff vector (ticket_search) rewritten; the shared one only
-- when its own text or public messages hold an address.

SELECT set_config('search_path', 'ticketty', true);

-- @function search_address_words

CREATE TEMP TABLE search_address_own ON COMMIT DROP AS
SELECT t.id AS ticket_id,
       setweight(search_address_words(a.txt), 'A') || setweight(search_address_words(b.txt), 'B') AS doc
  FROM tickets t
 CROSS JOIN LATERAL (SELECT concat_ws(' ', t.id, t.title, array_to_string(t.object_ids, ' '), t.member_id,
                                      t.bidder_id, t.creative_id, t.bug_ref) AS txt) a
 CROSS JOIN LATERAL (SELECT concat_ws(' ', t.description, t.impact, t.repro_steps) AS txt) b
 WHERE a.txt ~ '[[:alnum:]]@[[:alnum:]]|\.[[:alpha:]]+:[0-9]'
    OR b.txt ~ '[[:alnum:]]@[[:alnum:]]|\.[[:alpha:]]+:[0-9]';

-- the customer and contact (search_party_doc), once per pair
CREATE TEMP TABLE search_address_party ON COMMIT DROP AS
SELECT p.customer_id, p.contact_id,
       setweight(search_address_words(concat_ws(' ', cu.name, co.name, co.email)), 'C') AS doc,
       setweight(search_address_words(cu.name), 'C') AS shared
  FROM (SELECT DISTINCT t.customer_id, t.contact_id FROM tickets t) p
  JOIN customers cu ON cu.id = p.customer_id
  LEFT JOIN contacts co ON co.id = p.contact_id
 WHERE concat_ws(' ', cu.name, co.name, co.email)
       ~ '[[:alnum:]]@[[:alnum:]]|\.[[:alpha:]]+:[0-9]';

-- the messages and notes, in the order they were written (search_doc)
CREATE TEMP TABLE search_address_messages ON COMMIT DROP AS
SELECT c.ticket_id,
       tsvector_agg(setweight(search_address_words(c.body),
                              CASE WHEN c.kind = 'public' THEN 'C' ELSE 'D' END::"char")
                    ORDER BY c.created_at, c.id) AS doc,
       tsvector_agg(setweight(search_address_words(c.body),
                              CASE WHEN c.kind = 'public' THEN 'C' ELSE 'D' END::"char")
                    ORDER BY c.created_at, c.id) FILTER (WHERE c.kind <> 'internal') AS shared
  FROM comments c
 WHERE c.body ~ '[[:alnum:]]@[[:alnum:]]|\.[[:alpha:]]+:[0-9]'
 GROUP BY c.ticket_id;

CREATE TEMP TABLE search_address_more ON COMMIT DROP AS
SELECT t.id AS ticket_id,
       coalesce(o.doc, '') || coalesce(p.doc, '') || coalesce(m.doc, '') AS doc,
       coalesce(o.doc, '') || coalesce(p.shared, '') || coalesce(m.shared, '') AS shared
  FROM tickets t
  LEFT JOIN search_address_own o ON o.ticket_id = t.id
  LEFT JOIN search_address_party p ON p.customer_id = t.customer_id
                                 AND p.contact_id IS NOT DISTINCT FROM t.contact_id
  LEFT JOIN search_address_messages m ON m.ticket_id = t.id
 WHERE o.ticket_id IS NOT NULL OR p.customer_id IS NOT NULL OR m.ticket_id IS NOT NULL;

DO $$
DECLARE
    r record;
BEGIN
    BEGIN
        UPDATE ticket_search s SET doc = s.doc || x.doc
          FROM search_address_more x WHERE x.ticket_id = s.ticket_id AND x.doc <> '';
        UPDATE ticket_search_shared s SET doc = s.doc || x.shared
          FROM search_address_more x WHERE x.ticket_id = s.ticket_id AND x.shared <> '';
    EXCEPTION WHEN program_limit_exceeded THEN
        -- some vector would pass 1 MB: one ticket at a time, that one kept
        FOR r IN SELECT * FROM search_address_more ORDER BY ticket_id LOOP
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

DROP TABLE search_address_own, search_address_party, search_address_messages, search_address_more;
ANALYZE ticket_search;
ANALYZE ticket_search_shared;
