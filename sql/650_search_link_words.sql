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

-- The vector of a text: what the parser makes of it, then the words of
-- its hosts, URL paths and file names (each holds a '/', or a '.' between
-- letters or digits: a text without one is not parsed twice).
CREATE FUNCTION search_words(body text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT to_tsvector('ticketty.search_text', body)
        || CASE WHEN body !~ '/|[[:alnum:]]\.[[:alnum:]]' THEN ''::tsvector
                ELSE coalesce(to_tsvector('ticketty.search_text',
                         (SELECT string_agg(regexp_replace(p.token, '[^[:alnum:]-]+', ' ', 'g'), ' ')
                            FROM pg_catalog.ts_parse('default', body) p
                           WHERE p.tokid IN (SELECT k.tokid FROM pg_catalog.ts_token_type('default') k
                                              WHERE k.alias IN ('host', 'url_path', 'file')))),
                              '') END
$$;
COMMENT ON FUNCTION search_words(text) IS
    'The search vector of a text, with the words inside its links, paths and file names.';

-- The vector of one message or note.
CREATE OR REPLACE FUNCTION search_comment_doc(kind comment_kind, body text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT setweight(search_words(body), CASE WHEN kind = 'public' THEN 'C' ELSE 'D' END::"char")
$$;

-- The vector of a ticket's own fields: ID, title and object IDs (A),
-- description, impact and steps (B).
CREATE OR REPLACE FUNCTION search_own_doc(t tickets) RETURNS tsvector
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT setweight(search_words(concat_ws(' ', t.id, t.title, array_to_string(t.object_ids, ' '),
                                            t.member_id, t.bidder_id, t.creative_id, t.bug_ref)), 'A')
        || setweight(search_words(concat_ws(' ', t.description, t.impact, t.repro_steps)), 'B')
$$;

-- The vector of a ticket's customer and contact (C); p_contact NULL for
-- the customer alone. It depends on these two only, so a rebuild makes
-- it once per pair, not once per ticket.
CREATE OR REPLACE FUNCTION search_party_doc(p_customer int, p_contact int) RETURNS tsvector
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT setweight(search_words(
                         concat_ws(' ', (SELECT cu.name FROM customers cu WHERE cu.id = p_customer),
                                   (SELECT concat_ws(' ', co.name, co.email)
                                      FROM contacts co WHERE co.id = p_contact))), 'C')
$$;

CREATE OR REPLACE FUNCTION tickets_after_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_ab       tsvector;
    v_customer text;
    v_contact  text;
    z          text;
BEGIN
    -- search (070, 650): a new ticket has no message yet, so its two
    -- vectors are its fields (search_fields_doc(NEW) and
    -- search_fields_doc(NEW, false), the same words at the same
    -- positions), each part parsed once for both rows (search_refresh()
    -- plans its chain of SQL functions on every call)
    v_ab := setweight(search_words(
                          concat_ws(' ', NEW.id, NEW.title, array_to_string(NEW.object_ids, ' '),
                                    NEW.member_id, NEW.bidder_id, NEW.creative_id, NEW.bug_ref)), 'A')
         || setweight(search_words(concat_ws(' ', NEW.description, NEW.impact, NEW.repro_steps)), 'B');
    SELECT cu.name, (SELECT concat_ws(' ', co.name, co.email) FROM contacts co WHERE co.id = NEW.contact_id)
      INTO v_customer, v_contact
      FROM customers cu WHERE cu.id = NEW.customer_id;
    INSERT INTO ticket_search (ticket_id, customer_id, is_open, created_at, doc)
    VALUES (NEW.id, NEW.customer_id, NEW.is_open, NEW.created_at,
            v_ab || setweight(search_words(concat_ws(' ', v_customer, v_contact)), 'C'));
    INSERT INTO ticket_search_shared (ticket_id, customer_id, is_open, created_at, doc)
    VALUES (NEW.id, NEW.customer_id, NEW.is_open, NEW.created_at,
            v_ab || setweight(search_words(concat_ws(' ', v_customer)), 'C'));

    -- dashboard (090): the facts of dashboard_facts(NEW, zone, false), in
    -- the key order tickets_dashboard adds them (the backlog, kind NULL,
    -- first; then first response, then resolution). Each is one met, one
    -- missed or one open, never zero. The backlog, the common case, is
    -- written here; the rare outcomes of a ticket inserted already decided
    -- go through dashboard_add.
    IF NEW.is_open OR NEW.first_response_outcome IS NOT NULL OR NEW.resolution_outcome IS NOT NULL THEN
        -- report_zone(), read inline (a call of it is planned per transaction)
        z := coalesce((SELECT c.time_zone FROM calendars c WHERE c.is_default), 'UTC');
    END IF;
    IF NEW.is_open THEN
        INSERT INTO backlog_rollup AS r (day, team_id, severity, plan, open)
        VALUES ((NEW.created_at AT TIME ZONE z)::date, NEW.team_id, NEW.severity, NEW.plan, 1)
        ON CONFLICT (day, team_id, severity, plan) DO UPDATE SET open = r.open + EXCLUDED.open;
        INSERT INTO backlog_rollup_customer AS r (customer_id, day, team_id, severity, plan, open)
        VALUES (NEW.customer_id, (NEW.created_at AT TIME ZONE z)::date, NEW.team_id, NEW.severity, NEW.plan, 1)
        ON CONFLICT (customer_id, day, team_id, severity, plan) DO UPDATE SET open = r.open + EXCLUDED.open;
    END IF;
    IF NEW.first_response_outcome IS NOT NULL THEN
        PERFORM dashboard_add(NEW.customer_id, NEW.team_id, NEW.severity, NEW.plan, 'first_response',
                              (coalesce(NEW.acknowledged_at, NEW.first_response_due) AT TIME ZONE z)::date,
                              (NEW.first_response_outcome = 'met')::int,
                              (NEW.first_response_outcome = 'missed')::int, 0);
    END IF;
    IF NEW.resolution_outcome IS NOT NULL AND NEW.resolved_at IS NOT NULL THEN
        PERFORM dashboard_add(NEW.customer_id, NEW.team_id, NEW.severity, NEW.plan, 'resolution',
                              (NEW.resolved_at AT TIME ZONE z)::date,
                              (NEW.resolution_outcome = 'met')::int,
                              (NEW.resolution_outcome = 'missed')::int, 0);
    END IF;

    -- SLA (010): a ticket inserted already waiting on the customer gets its
    -- pause row
    IF NEW.waiting_since IS NOT NULL THEN
        INSERT INTO sla_pauses (ticket_id, started_at, clock)
        VALUES (NEW.id, NEW.waiting_since, coalesce(NEW.resolution_clock, 'wall'));
    END IF;
    RETURN NULL;
END
$$;

-- The text a snippet is cut from: the ticket's description, impact and
-- steps when they match, else its newest matching message or note that
-- the reader may read (every one when sees_all, else the public replies,
-- the customer's mail and the internal notes agent p_agent may read, as
-- search_notes_doc()), else the description. The snippet marks are removed from the text first.
CREATE OR REPLACE FUNCTION search_snippet(t tickets, q tsquery, sees_all boolean, p_agent int) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_text text := concat_ws(E'\n', t.description, t.impact, t.repro_steps);
    v_body text;
BEGIN
    IF NOT search_words(v_text) @@ q THEN
        SELECT c.body INTO v_body FROM comments c
         WHERE c.ticket_id = t.id AND search_comment_doc(c.kind, c.body) @@ q
           AND (sees_all OR c.kind <> 'internal' OR c.author_id = p_agent
                OR EXISTS (SELECT 1 FROM ticket_collaborators k
                            WHERE k.ticket_id = t.id AND k.agent_id = p_agent))
         ORDER BY c.created_at DESC, c.id DESC LIMIT 1;
        v_text := coalesce(v_body, v_text);
    END IF;
    v_text := regexp_replace(translate(left(v_text, 20000), E'\x02\x03', ''), '\s+', ' ', 'g');
    RETURN ts_headline('ticketty.search_text', v_text, q,
                       'MaxFragments=2, MinWords=6, MaxWords=16, ShortWord=2, '
                       'StartSel="' || E'\x02' || '", StopSel="' || E'\x03' || '", '
                       'FragmentDelimiter=" ... "');
END
$$;

-- Internal, as search_snippet: the vectors are built by the triggers and
-- by search() as the owner. (Not named in 049's agent_callable_helpers,
-- so that no other migration's copy of that list has to be merged.)
REVOKE ALL ON FUNCTION search_snippet(tickets, tsquery, boolean, int), search_words(text)
    FROM ticketty_agent, PUBLIC;

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
