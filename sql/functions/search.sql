-- sql/functions/search.sql: full-text search: documents, their refresh and
-- rebuild, queries and ranking.
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- search_comment_doc
-- The vector of one message or note.
CREATE OR REPLACE FUNCTION search_comment_doc(kind comment_kind, body text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT setweight(search_words(body), CASE WHEN kind = 'public' THEN 'C' ELSE 'D' END::"char")
$$;
GRANT EXECUTE ON FUNCTION search_comment_doc(comment_kind, text) TO ticketty_agent;

--- search_own_doc
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
GRANT EXECUTE ON FUNCTION search_own_doc(tickets) TO ticketty_agent;

--- search_party_doc
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
GRANT EXECUTE ON FUNCTION search_party_doc(int, int) TO ticketty_agent;

--- search_fields_doc
-- The vector of a ticket's own fields, its customer and (with_contact)
-- its contact.
CREATE OR REPLACE FUNCTION search_fields_doc(t tickets, with_contact boolean DEFAULT true) RETURNS tsvector
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT search_own_doc(t)
        || search_party_doc(t.customer_id, CASE WHEN with_contact THEN t.contact_id END)
$$;
GRANT EXECUTE ON FUNCTION search_fields_doc(tickets, boolean) TO ticketty_agent;

--- search_doc
-- The whole vector of a ticket: its fields, then every message and note
-- in the order they were written (what the triggers build step by step).
CREATE OR REPLACE FUNCTION search_doc(t tickets) RETURNS tsvector
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT search_fields_doc(t)
        || coalesce((SELECT tsvector_agg(search_comment_doc(c.kind, c.body) ORDER BY c.created_at, c.id)
                       FROM comments c WHERE c.ticket_id = t.id), '')
$$;
GRANT EXECUTE ON FUNCTION search_doc(tickets) TO ticketty_agent;

--- search_shared_doc
-- The vector of what every agent may read of a ticket
-- (ticket_search_shared): its fields and customer without the contact,
-- then its messages: the public replies and the customer's mail (every
-- message but internal notes).
CREATE OR REPLACE FUNCTION search_shared_doc(t tickets) RETURNS tsvector
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT search_fields_doc(t, false)
        || coalesce((SELECT tsvector_agg(search_comment_doc(c.kind, c.body) ORDER BY c.created_at, c.id)
                       FROM comments c WHERE c.ticket_id = t.id AND c.kind <> 'internal'), '')
$$;
GRANT EXECUTE ON FUNCTION search_shared_doc(tickets) TO ticketty_agent;

--- search_extra_tickets
-- The tickets whose internal notes agent p_agent (not support staff) may
-- read, beyond ticket_search_shared: the ones it collaborates on and the
-- ones it wrote a note in (the comments policy of 049).
CREATE OR REPLACE FUNCTION search_extra_tickets(p_agent int) RETURNS SETOF bigint
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT k.ticket_id FROM ticket_collaborators k WHERE k.agent_id = p_agent
    UNION
    SELECT c.ticket_id FROM comments c WHERE c.kind = 'internal' AND c.author_id = p_agent
$$;
REVOKE ALL ON FUNCTION search_extra_tickets(int) FROM ticketty_agent, PUBLIC;

--- search_notes_doc
-- The vector of the internal notes of ticket p_ticket that agent p_agent
-- may read (all of them when it collaborates on the ticket, else its own),
-- in the order they were written.
CREATE OR REPLACE FUNCTION search_notes_doc(p_ticket bigint, p_agent int) RETURNS tsvector
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce(tsvector_agg(search_comment_doc(c.kind, c.body) ORDER BY c.created_at, c.id), '')
      FROM comments c
     WHERE c.ticket_id = p_ticket AND c.kind = 'internal'
       AND (c.author_id = p_agent
            OR EXISTS (SELECT 1 FROM ticket_collaborators k
                        WHERE k.ticket_id = p_ticket AND k.agent_id = p_agent))
$$;
REVOKE ALL ON FUNCTION search_notes_doc(bigint, int) FROM ticketty_agent, PUBLIC;

--- search_sees_all
-- True when the session may read everything search finds: support staff,
-- as for contacts and comments, and whom row-level security does not
-- filter (superusers, BYPASSRLS, the schema owner).
CREATE OR REPLACE FUNCTION search_sees_all() RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT session_agent_is_support()
        OR coalesce((SELECT r.rolsuper OR r.rolbypassrls FROM pg_catalog.pg_roles r
                      WHERE r.rolname = session_user), false)
        OR pg_catalog.pg_has_role(session_user,
                                  (SELECT n.nspowner FROM pg_catalog.pg_namespace n
                                    WHERE n.nspname = 'ticketty'), 'USAGE')
$$;
REVOKE ALL ON FUNCTION search_sees_all() FROM ticketty_agent, PUBLIC;

--- search_refresh
-- Rewrites the rows of one ticket in both tables (ticket_search and
-- ticket_search_shared) from scratch.
CREATE OR REPLACE FUNCTION search_refresh(p_ticket bigint) RETURNS void
    LANGUAGE sql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
    INSERT INTO ticket_search (ticket_id, customer_id, is_open, created_at, doc)
    SELECT t.id, t.customer_id, t.is_open, t.created_at, search_doc(t)
      FROM tickets t WHERE t.id = p_ticket
    ON CONFLICT (ticket_id) DO UPDATE
       SET customer_id = EXCLUDED.customer_id, is_open = EXCLUDED.is_open,
           created_at = EXCLUDED.created_at, doc = EXCLUDED.doc;
    INSERT INTO ticket_search_shared (ticket_id, customer_id, is_open, created_at, doc)
    SELECT t.id, t.customer_id, t.is_open, t.created_at, search_shared_doc(t)
      FROM tickets t WHERE t.id = p_ticket
    ON CONFLICT (ticket_id) DO UPDATE
       SET customer_id = EXCLUDED.customer_id, is_open = EXCLUDED.is_open,
           created_at = EXCLUDED.created_at, doc = EXCLUDED.doc;
$$;
REVOKE ALL ON FUNCTION search_refresh(bigint) FROM ticketty_agent, PUBLIC;

--- search_tickets_changed
-- A changed ticket's vectors are rebuilt (search_refresh) when a searched
-- field or its customer or contact changed, else only is_open follows. A
-- new ticket's two rows are written by tickets_after_insert (175), the one
-- AFTER INSERT trigger of tickets.
CREATE OR REPLACE FUNCTION search_tickets_changed() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF (OLD.title, OLD.description, OLD.impact, OLD.repro_steps, OLD.object_ids, OLD.member_id,
        OLD.bidder_id, OLD.creative_id, OLD.bug_ref, OLD.customer_id, OLD.contact_id)
       IS DISTINCT FROM
       (NEW.title, NEW.description, NEW.impact, NEW.repro_steps, NEW.object_ids, NEW.member_id,
        NEW.bidder_id, NEW.creative_id, NEW.bug_ref, NEW.customer_id, NEW.contact_id) THEN
        PERFORM search_refresh(NEW.id);
    ELSIF OLD.is_open <> NEW.is_open THEN
        UPDATE ticket_search SET is_open = NEW.is_open WHERE ticket_id = NEW.id;
        UPDATE ticket_search_shared SET is_open = NEW.is_open WHERE ticket_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION search_tickets_changed() FROM ticketty_agent, PUBLIC;

--- search_comments_changed
-- A new message or note is appended (a public reply or the customer's
-- mail to both tables, an internal note to ticket_search only); an edited
-- or deleted one (no API does either today) rebuilds the ticket's
-- vectors. A vector that would pass PostgreSQL's 1 MB limit keeps what it
-- has: the message is stored, only its words are not searchable.
CREATE OR REPLACE FUNCTION search_comments_changed() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_doc tsvector;
BEGIN
    IF TG_OP = 'INSERT' THEN
        v_doc := search_comment_doc(NEW.kind, NEW.body);
        BEGIN
            UPDATE ticket_search SET doc = doc || v_doc WHERE ticket_id = NEW.ticket_id;
            IF NEW.kind <> 'internal' THEN
                UPDATE ticket_search_shared SET doc = doc || v_doc WHERE ticket_id = NEW.ticket_id;
            END IF;
        EXCEPTION WHEN program_limit_exceeded THEN
            RAISE NOTICE 'ticket %: the search index of this ticket is full; the new message is not searchable',
                         NEW.ticket_id;
        END;
    ELSE
        PERFORM search_refresh(OLD.ticket_id);
        IF TG_OP = 'UPDATE' AND NEW.ticket_id <> OLD.ticket_id THEN
            PERFORM search_refresh(NEW.ticket_id);
        END IF;
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION search_comments_changed() FROM ticketty_agent, PUBLIC;

--- search_people_changed
-- A renamed customer or a changed contact rebuilds the vectors of their
-- tickets (a rare, administrative change).
CREATE OR REPLACE FUNCTION search_people_changed() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF TG_TABLE_NAME = 'customers' THEN
        PERFORM search_refresh(t.id) FROM tickets t WHERE t.customer_id = NEW.id;
    ELSE
        PERFORM search_refresh(t.id) FROM tickets t WHERE t.contact_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION search_people_changed() FROM ticketty_agent, PUBLIC;

--- search_window
-- How many matches are ranked at most for one page.
CREATE OR REPLACE FUNCTION search_window() RETURNS int
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT 200 $$;
GRANT EXECUTE ON FUNCTION search_window() TO ticketty_agent;

--- search_query
-- The query as a tsquery, or TT400 on field `query` when it has no word
-- to look for or only excluded ones (which no index can answer).
CREATE OR REPLACE FUNCTION search_query(query text) RETURNS tsquery
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
    SET client_min_messages = warning   -- no NOTICE for a query of stop words only
AS $$
DECLARE
    q      tsquery;
    v_text text := regexp_replace(query, '\m[A-Za-z][A-Za-z0-9+.-]*://', '', 'g');
    v_q    text;
    r      record;
BEGIN
    IF query IS NULL OR btrim(query) = '' THEN
        RAISE EXCEPTION 'the search text is required'
            USING ERRCODE = 'TT400', DETAIL = E'query\trequired\tis required';
    END IF;
    IF length(query) > 1000 THEN
        RAISE EXCEPTION 'the search text is too long'
            USING ERRCODE = 'TT400', DETAIL = E'query\ttoo_long\tis longer than 1000 characters';
    END IF;
    -- a pasted link: its scheme ("https://") would be read as a word and a
    -- path that no stored link has (a link is stored as its host and path)
    q := websearch_to_tsquery('ticketty.search_text', v_text);
    v_q := q::text;
    -- a word written with an apostrophe or hyphens inside ("o'brien",
    -- "jean-luc") also finds it written joined ("OBrien", "JeanLuc"): the
    -- parser's reading of it, or its joined form (search_joined_words,
    -- which the vectors hold for such words too, so "obrien" finds
    -- "O'Brien")
    FOR r IN
        SELECT DISTINCT w.orig, j.lexeme AS joined
          FROM pg_catalog.regexp_matches(v_text,
                   '([[:alpha:]À-ÖØ-öø-ɏ]+(?:[''’ʼ][[:alpha:]À-ÖØ-öø-ɏ]{3,}|-[[:alpha:]À-ÖØ-öø-ɏ]+)+)', 'g') m
         CROSS JOIN LATERAL (SELECT websearch_to_tsquery('ticketty.search_text', m[1])::text AS orig) w
         CROSS JOIN LATERAL unnest(search_joined_words(m[1])) j
         WHERE w.orig <> ''
    LOOP
        v_q := replace(v_q, r.orig, '( ' || r.orig || ' | ''' || replace(r.joined, '''', '''''') || ''' )');
    END LOOP;
    -- Spanish forms: the vectors hold English stems, which do not join a
    -- Spanish word's forms ("entregan", "entregando", "entregado" stay
    -- three words; "impresión" is 'impres' but "impresiones"
    -- 'impresion'). So a word also finds
    -- - when its Spanish stem differs from its English one, in 5 letters
    --   or more, the words that start with that stem ('entreg':*,
    --   'impresion':*): a verb's forms, a singular's plural;
    -- - its Spanish plural or singular as the vectors hold it (its English
    --   stem), accents folded first: -s after a vowel, -es after a
    --   consonant Spanish ends words with (l n r d z s j x y), z -> ces,
    --   and back ("impresiones" also 'impres', "países" 'pai', "lápices"
    --   'lapiz', "lápiz" 'lapic'). The Spanish stem alone did not:
    --   "impresión" and "impresiones" are both 'impresion' in Spanish,
    --   whose prefix misses the singular's 'impres'. So that English words
    --   keep what they find, a singular left by taking -es off has 4
    --   letters or more ("codes" is no "cod", "sites" no "sit"), and -es is
    --   put on a consonant only in a word written with an accent or an ñ
    --   ("país", not "plan", whose 'planes' would be 'plane') or after a
    --   final -is or -us. Unless written with an accent or an ñ, -es is
    --   not taken off a word that English reads as the plural of one
    --   ending in -e (its English stem ends in e: "planes" is no "plan",
    --   "grades" no "grad", "prices" no "priz"; "clases" is "clase" by the
    --   -s rule), nor -s off a final -us ("menús" is "menú", but "status"
    --   no "statu", which is "statue").
    -- An alternative that is the word's own English stem, another word's
    -- of the query (looked for already) or a stop word is left out. Only
    -- the query changes, in the ticket's text and messages alike.
    FOR r IN
        SELECT w.en, string_agg(DISTINCT w.alt, ' | ' ORDER BY w.alt) AS alts
          FROM (SELECT v.lexeme AS en, a.lex, a.alt
                  FROM pg_catalog.ts_parse('default', v_text) p
                 CROSS JOIN LATERAL unnest(to_tsvector('ticketty.search_text', p.token)) v
                 CROSS JOIN LATERAL (SELECT coalesce((pg_catalog.ts_lexize('ticketty.unaccent', lower(p.token)))[1],
                                                     lower(p.token)) AS u) x
                 CROSS JOIN LATERAL (
                       SELECT s.es AS lex, '''' || replace(s.es, '''', '''''') || ''':*' AS alt
                         FROM (SELECT (pg_catalog.ts_lexize('spanish_stem', x.u))[1] AS es) s
                        WHERE length(s.es) >= 5
                       UNION ALL
                       SELECT f.lex, '''' || replace(f.lex, '''', '''''') || ''''
                         FROM unnest(ARRAY[
                                  CASE WHEN x.u ~ '[aeio]s$' OR (x.u ~ 'us$' AND x.u <> lower(p.token))
                                       THEN left(x.u, -1) END,
                                  CASE WHEN x.u ~ '.{3}[lnrdzsjxy]es$'
                                        AND (v.lexeme !~ 'e$' OR x.u <> lower(p.token))
                                       THEN left(x.u, -2) END,
                                  CASE WHEN x.u ~ '.{3}ces$' AND (v.lexeme !~ 'e$' OR x.u <> lower(p.token))
                                       THEN left(x.u, -3) || 'z' END,
                                  CASE WHEN x.u ~ '[aeiou]$' THEN x.u || 's' END,
                                  CASE WHEN x.u ~ '[iu]s$' OR (x.u <> lower(p.token) AND x.u ~ '[lnrdjxy]$')
                                       THEN x.u || 'es' END,
                                  CASE WHEN x.u ~ 'z$' THEN left(x.u, -1) || 'ces' END]) g(form)
                        CROSS JOIN LATERAL (SELECT (pg_catalog.ts_lexize('english_stem', g.form))[1] AS lex) f
                        WHERE x.u ~ '^[a-z]{3,}$' AND length(f.lex) >= 3) a
                 WHERE p.tokid IN (SELECT k.tokid FROM pg_catalog.ts_token_type('default') k
                                    WHERE k.alias IN ('asciiword', 'word'))) w
         WHERE w.lex <> w.en
           AND w.lex NOT IN (SELECT x.lexeme FROM unnest(to_tsvector('ticketty.search_text', v_text)) x)
         GROUP BY w.en
    LOOP
        v_q := replace(v_q, '''' || replace(r.en, '''', '''''') || '''',
                       '( ''' || replace(r.en, '''', '''''') || ''' | ' || r.alts || ' )');
    END LOOP;
    -- word* finds the words that start with it: the start of an ID
    -- ("431352*", "li-9876*": its last part) or of a word, of 3 letters
    -- or digits at least (a shorter one would match most tickets), also
    -- -excluded. The stars are otherwise ignored, as websearch_to_tsquery
    -- does.
    FOR r IN
        SELECT DISTINCT l.lexeme
          FROM regexp_matches(v_text, '(?:^|[[:space:]"(])-?([^[:space:]*"()]+)\*', 'g') m
         CROSS JOIN LATERAL (SELECT v.lexeme FROM unnest(to_tsvector('ticketty.search_text', m[1])) v
                              ORDER BY v.positions[array_upper(v.positions, 1)] DESC LIMIT 1) l
         WHERE length(ltrim(l.lexeme, '-')) >= 3
    LOOP
        v_q := replace(v_q, '''' || replace(r.lexeme, '''', '''''') || '''',
                       '''' || replace(r.lexeme, '''', '''''') || ''':*');
    END LOOP;
    q := v_q::tsquery;
    -- a number finds the same digits with or without a hyphen before
    -- them: the parser stores "ENG-20691" as 'eng' and '-20691' (a signed
    -- number) but "ENG_20691", "ENG 20691" and "ENG–20691" (en dash) as
    -- 'eng' and '20691', so either form of the query finds both
    IF q::text ~ '''-?[0-9]+''' THEN
        q := regexp_replace(q::text, '''-?([0-9]+)''(:\*)?', '( ''\1''\2 | ''-\1''\2 )', 'g')::tsquery;
    END IF;
    -- nothing but spaces and punctuation ("!!!", "--") holds no word at
    -- all: saying it holds only very common words would mislead
    IF numnode(q) = 0 AND v_text ~ '^[[:space:][:punct:]]*$' THEN
        RAISE EXCEPTION 'the search text has no word to look for'
            USING ERRCODE = 'TT400',
                  DETAIL = E'query\tno_letters\thas no letter or digit to look for';
    ELSIF numnode(q) = 0 THEN
        RAISE EXCEPTION 'the search text has no word to look for'
            USING ERRCODE = 'TT400',
                  DETAIL = E'query\tno_words\thas no word to look for (only very common words such as "the")';
    END IF;
    IF querytree(q) = 'T' THEN
        RAISE EXCEPTION 'the search text only excludes words'
            USING ERRCODE = 'TT400',
                  DETAIL = E'query\tonly_excluded\tneeds at least one word that must appear, not only -excluded ones';
    END IF;
    RETURN q;
END
$$;
GRANT EXECUTE ON FUNCTION search_query(text) TO ticketty_agent;

--- search_contacts_query
-- What a query that is a phone number, an e-mail domain or the local part
-- of an address also looks for: the addresses of the contacts it names
-- (each as the vectors hold it, phraseto_tsquery), OR'd; NULL when it is
-- none of these or names no contact. A vector holds a contact's name and
-- address whole, not its phone, so "+1 (617) 555-0100", "6175550100" or
-- "brightwavemedia.example" found none of its tickets. A phone matches
-- when the digits of one end with the other's (a country code given on
-- one side only), at least 7 of them; at most 50 contacts. Internal:
-- search() asks it for support staff only (contacts are theirs to read).
CREATE OR REPLACE FUNCTION search_contacts_query(query text) RETURNS tsquery
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v        text := btrim(query);
    v_digits text;
    v_q      text;
BEGIN
    IF v ~ '^[+(]?[0-9][0-9 ().+/-]*[0-9]$' THEN
        v_digits := regexp_replace(v, '[^0-9]', '', 'g');
        IF length(v_digits) NOT BETWEEN 7 AND 15 THEN
            RETURN NULL;
        END IF;
        SELECT string_agg('(' || phraseto_tsquery('ticketty.search_text', c.email)::text || ')', ' | ')
          INTO v_q
          FROM (SELECT co.email FROM contacts co
                 WHERE right(regexp_replace(co.phone, '[^0-9]', '', 'g'), 7) = right(v_digits, 7)
                   AND (right(regexp_replace(co.phone, '[^0-9]', '', 'g'), length(v_digits)) = v_digits
                        OR right(v_digits, length(regexp_replace(co.phone, '[^0-9]', '', 'g')))
                           = regexp_replace(co.phone, '[^0-9]', '', 'g'))
                 ORDER BY co.id LIMIT 50) c;
    ELSIF v ~ '^@?[^@[:space:]]+\.[^@[:space:]]*[[:alnum:]]$' THEN
        -- a domain ("acme.example", "@acme.example") or a dotted local
        -- part ("carla.nunez")
        SELECT string_agg('(' || phraseto_tsquery('ticketty.search_text', c.email)::text || ')', ' | ')
          INTO v_q
          FROM (SELECT co.email FROM contacts co
                 WHERE lower(split_part(co.email, '@', 2)) = lower(ltrim(v, '@'))
                    OR (left(v, 1) <> '@' AND lower(split_part(co.email, '@', 1)) = lower(v))
                 ORDER BY co.id LIMIT 50) c;
    END IF;
    RETURN nullif(v_q, '')::tsquery;
END
$$;
REVOKE ALL ON FUNCTION search_contacts_query(text) FROM ticketty_agent, PUBLIC;

--- search_customer
-- The customer named by `c`: #number, its number or member ID, or its
-- name (exact, then case-insensitive). TT400 on field `customer` when
-- none or several match.
CREATE OR REPLACE FUNCTION search_customer(c text) RETURNS int
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_ids int[];
BEGIN
    IF c ~ '^#[0-9]{1,9}$' THEN   -- #N: the customer number itself (the intake form)
        SELECT array_agg(cu.id) INTO v_ids FROM customers cu WHERE cu.id = substr(c, 2)::int;
    ELSIF c ~ '^[0-9]{1,18}$' THEN
        SELECT array_agg(cu.id) INTO v_ids FROM customers cu
         WHERE cu.member_id = c::bigint OR (c::bigint <= 2147483647 AND cu.id = c::int);
    END IF;
    IF v_ids IS NULL THEN
        SELECT array_agg(cu.id) INTO v_ids FROM customers cu WHERE cu.name = c;
    END IF;
    IF v_ids IS NULL THEN
        SELECT array_agg(cu.id) INTO v_ids FROM customers cu WHERE lower(cu.name) = lower(c);
    END IF;
    IF v_ids IS NULL THEN
        RAISE EXCEPTION 'no customer "%"', c
            USING ERRCODE = 'TT400', DETAIL = format(E'customer\tunknown\tno customer is called "%s"', c);
    ELSIF cardinality(v_ids) > 1 THEN
        RAISE EXCEPTION 'several customers match "%"', c
            USING ERRCODE = 'TT400',
                  DETAIL = format(E'customer\tambiguous\tmatches several customers; give the name or number', c);
    END IF;
    RETURN v_ids[1];
END
$$;
GRANT EXECUTE ON FUNCTION search_customer(text) TO ticketty_agent;

--- search_snippet
-- The snippet of ticket t for tsquery q (ts_headline, the matches marked
-- by the characters 0x02 and 0x03, removed from the text first). It is
-- cut from the ticket's description, impact and steps when they match,
-- else from its newest matching message or note that the reader may read
-- (every one when sees_all, else the public replies, the customer's mail
-- and the internal notes agent p_agent may read, as search_notes_doc()),
-- else from the description.
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
REVOKE ALL ON FUNCTION search_snippet(tickets, tsquery, boolean, int) FROM ticketty_agent, PUBLIC;

--- search_newest
-- SQL text of a sub-select: the newest `lim` rows (a number or a
-- parameter such as $3) of search table `tab` (qualified) that meet
-- `cond` (a condition on alias s), in search()'s window order: open first
-- unless `all`, then newest. Walked in an index's order, never sorted
-- whole: (is_open, created_at, ticket_id) gives the order without `all`;
-- with `all`, which no index orders (created_at before is_open), the open
-- and the closed tickets are each walked so, lim of each, and the two
-- merged. Reading every ticket and sorting them (ORDER BY created_at over
-- the whole table) cost a search with `all` a scan of the whole table.
CREATE OR REPLACE FUNCTION search_newest(tab text, cond text, "all" boolean, lim text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT CASE WHEN "all" THEN
        '(SELECT s.* FROM ((SELECT s.* FROM ' || tab || ' s WHERE s.is_open AND ' || cond
        || ' ORDER BY s.created_at DESC, s.ticket_id DESC LIMIT ' || lim || ') UNION ALL'
        || ' (SELECT s.* FROM ' || tab || ' s WHERE NOT s.is_open AND ' || cond
        || ' ORDER BY s.created_at DESC, s.ticket_id DESC LIMIT ' || lim || ')) s'
        || ' ORDER BY s.created_at DESC, s.ticket_id DESC LIMIT ' || lim || ')'
    ELSE
        '(SELECT s.* FROM ' || tab || ' s WHERE ' || cond
        || ' ORDER BY s.is_open DESC, s.created_at DESC, s.ticket_id DESC LIMIT ' || lim || ')'
    END
$$;
REVOKE ALL ON FUNCTION search_newest(text, text, boolean, text) FROM ticketty_agent, PUBLIC;

--- search_plan
-- How search() reads its window (the matching tickets in its order: open
-- first unless `all`, then newest; search_window() of them are ranked)
-- for tsquery q from table `tab` (ticket_search or ticket_search_shared):
-- the FROM and WHERE of the window query (parameters $1 = q, $2 = the
-- customer id, $3 = the window's size) and whether only the newest 10000
-- tickets are looked at (a phrase of common words), the newest read by
-- search_newest(). Internal: it reads the table as the owner,
-- so it must not tell an agent about a table it may not read.
CREATE OR REPLACE FUNCTION search_plan(q tsquery, "all" boolean, v_cust int, tab name,
                            OUT from_clause text, OUT where_clause text, OUT cut boolean)
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_where text;
    v_tab   text := 'ticketty.' || quote_ident(tab);
    v_cond  text := CASE WHEN v_cust IS NULL THEN 'true' ELSE 's.customer_id = $2' END;
    v_from  text := v_tab || ' s';
    v_hits  int;
    v_and   real;
    v_cut   boolean := false;
BEGIN
    -- How common is the query among the newest 1000 tickets (in window
    -- order)? Common enough that the window fills within 10000 of them:
    -- walk that order and check each ticket (ts_match_vq(), which no
    -- index answers: the planner must walk). Else let the planner choose
    -- with the indexable @@, whose estimate it takes from the statistics
    -- (the GIN index for rare words). The probe is what makes phrases of
    -- common words fast: the planner, taking the words as independent,
    -- underestimates them and would recheck every candidate.
    EXECUTE 'SELECT count(*) FROM ' || search_newest(v_tab, v_cond, "all", '1000')
            || ' s WHERE ts_match_vq(s.doc, $1)'
       INTO v_hits USING q, v_cust;
    IF v_hits > 0 AND search_window() * 1000 / v_hits <= 10000 THEN
        v_from := search_newest(v_tab, v_cond || ' AND ts_match_vq(s.doc, $1)', "all", '$3') || ' s';
        v_where := ' WHERE true';
    ELSE
        v_where := ' WHERE s.doc @@ $1';
    END IF;
    -- A phrase not common among the newest tickets but made of common
    -- words: the GIN index knows no positions, so it would hand over every
    -- ticket with all the words to be checked one by one (seconds at a
    -- million tickets when the words are common). When the statistics say
    -- more than 8000 tickets hold the phrase's rarest word, only the
    -- newest 10000 tickets are looked at, and the result says more may
    -- match (window_full).
    IF v_where LIKE '%@@%' AND q::text ~ '<[0-9]+>|<->' THEN
        -- a group of alternatives search_query added ("( 'frame' | 'fram' )")
        -- is as common as its alternatives together (each as its rarest
        -- word): the rarest word of the whole query was taken, and an
        -- alternative no ticket holds made a phrase of common words rare
        SELECT c.reltuples * coalesce((
                   SELECT min(least(x.f, 1)) FROM (
                       SELECT sum(a.f) AS f
                         FROM regexp_matches(q::text, '(!?)\(([^()]*)\)', 'g') WITH ORDINALITY AS g(m, n)
                        CROSS JOIN LATERAL (
                              SELECT min(coalesce(st.freqs[array_position(st.elems, l[1])], 0)) AS f
                                FROM regexp_split_to_table(g.m[2], '\|') WITH ORDINALITY AS alt(t, k)
                               CROSS JOIN LATERAL regexp_matches(alt.t, '''((?:[^'']|'''')*)''', 'g') AS l
                               GROUP BY alt.k) a
                        WHERE g.m[1] = ''
                        GROUP BY g.n
                       UNION ALL
                       SELECT coalesce(st.freqs[array_position(st.elems, m[2])], 0)
                         FROM regexp_matches(regexp_replace(q::text, '!?\([^()]*\)', ' ', 'g'),
                                             '(!?)''((?:[^'']|'''')*)''', 'g') AS m
                        WHERE m[1] = '') x), 0)
          INTO v_and
          FROM pg_catalog.pg_class c
          LEFT JOIN (SELECT s.most_common_elems::text::text[] AS elems,
                            s.most_common_elem_freqs AS freqs
                       FROM pg_catalog.pg_stats s
                      WHERE s.schemaname = 'ticketty' AND s.tablename = tab
                        AND s.attname = 'doc') st ON true
         WHERE c.oid = v_tab::regclass;
        IF v_and > 8000 THEN
            v_cut := true;
            v_where := ' WHERE ts_match_vq(s.doc, $1)';
            v_from := search_newest(v_tab, v_cond, "all", '10000') || ' s';
        END IF;
    END IF;
    -- An exclusion (-word) in a query rare among the newest tickets: the
    -- planner takes the excluded words as independent of the others, so
    -- for "refused -creative" (where every ticket saying refused says
    -- creative) it expected thousands of matches, walked the order index
    -- for the first 200 and read all 200k tickets to find none (1 s).
    -- Its matches are read from the GIN index instead (OFFSET 0: the
    -- planner cannot walk past it), then sorted.
    IF v_where = ' WHERE s.doc @@ $1' AND q::text ~ '!' THEN
        v_from := '(SELECT s.* FROM ' || v_tab || ' s WHERE s.doc @@ $1 AND ' || v_cond || ' OFFSET 0) s';
        v_where := ' WHERE true';
    END IF;
    from_clause := v_from;
    where_clause := v_where;
    cut := v_cut;
END
$$;
REVOKE ALL ON FUNCTION search_plan(tsquery, boolean, int, name) FROM ticketty_agent, PUBLIC;

--- search_partial
-- True when a search for `query` looks at the newest 10000 tickets only
-- (a phrase of common words), so that more tickets may match than it
-- returns: what a client says when search() returned nothing.
CREATE OR REPLACE FUNCTION search_partial(query text, "all" boolean DEFAULT false, customer text DEFAULT NULL)
    RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
    SELECT (search_plan(search_query(query), "all",
                        CASE WHEN customer IS NOT NULL THEN search_customer(customer) END,
                        CASE WHEN search_sees_all() THEN 'ticket_search'
                             ELSE 'ticket_search_shared' END)).cut
$$;
GRANT EXECUTE ON FUNCTION search_partial(text, boolean, text) TO ticketty_agent;

--- search
-- Searches tickets. `query` in websearch_to_tsquery syntax (a ticket
-- number puts that ticket first); `all` ranks open and closed tickets
-- together (else open ones come first); `customer` (NULL = every one) as
-- search_customer() reads it; at most `max_rows` (1-200) rows. The
-- newest matches, open first unless `all`, fill a window of
-- search_window() tickets (search_plan), which are ranked: open first
-- unless `all`, then rank, newest first. The rank is ts_rank plus 1 when
-- the title and IDs alone (weight A) match: ts_rank saturates near 1
-- for two or more words, so a ticket whose messages repeated the words
-- outranked the one whose title says them. window_full: more tickets may
-- match than were ranked. Runs as the owner and finds only what the
-- caller may read: whom search_sees_all() lets see everything searches
-- ticket_search; a pm or developer searches ticket_search_shared, where
-- the tickets whose internal notes it may read (search_extra_tickets(),
-- usually few) are replaced by their shared vector followed by those
-- notes. For support staff a phone number or a part of an address also
-- finds the tickets of the contacts it names (search_contacts_query).
CREATE OR REPLACE FUNCTION search(query text, "all" boolean DEFAULT false, customer text DEFAULT NULL,
                       max_rows int DEFAULT 20)
    RETURNS TABLE (ticket_id bigint, is_open boolean, status ticket_status, severity smallint,
                   customer_name text, title text, created_at timestamptz, rank real,
                   snippet text, window_full boolean)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    q       tsquery := search_query(query);
    v_all   boolean := search_sees_all();
    v_me    int := session_agent_id();
    v_loose tsquery;
    v_contacts tsquery;
    v_win   text;
    v_cust  int;
    v_id    bigint;
    v_sql   text;
    v_order text := CASE WHEN "all" THEN ' ORDER BY s.created_at DESC, s.ticket_id DESC'
                         ELSE ' ORDER BY s.is_open DESC, s.created_at DESC, s.ticket_id DESC' END;
    v_where text;
    v_from  text;
    v_cut   boolean;
BEGIN
    IF max_rows IS NULL OR max_rows NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'the number of results must be between 1 and 200'
            USING ERRCODE = 'TT400', DETAIL = E'limit\tout_of_range\tmust be between 1 and 200';
    END IF;
    IF customer IS NOT NULL THEN
        v_cust := search_customer(customer);
    END IF;
    -- support staff: a phone number or an address's part finds the tickets
    -- of the contacts it names
    IF v_all THEN
        v_contacts := search_contacts_query(query);
        IF v_contacts IS NOT NULL THEN
            q := q || v_contacts;
        END IF;
    END IF;
    IF btrim(query) ~ '^#?[0-9]{1,18}$' THEN
        v_id := ltrim(btrim(query), '#')::bigint;   -- a ticket number: that ticket first
    END IF;
    SELECT p.from_clause, p.where_clause, p.cut INTO v_from, v_where, v_cut
      FROM search_plan(q, "all", v_cust,
                       CASE WHEN v_all THEN 'ticket_search' ELSE 'ticket_search_shared' END) p;
    -- Planned for each call with the actual query (EXECUTE ... USING), so
    -- the planner sees how common the words are.
    v_win := '  SELECT s.ticket_id, s.is_open, s.created_at, s.doc FROM ' || v_from
             || v_where
             || CASE WHEN v_cust IS NULL THEN '' ELSE ' AND s.customer_id = $2' END;
    IF v_all THEN
        v_sql := 'WITH win AS MATERIALIZED (' || v_win || v_order || '   LIMIT $3),';
    ELSE
        -- the shared vectors, but for the tickets whose notes the caller
        -- may read: those with their notes added, matched one by one.
        -- Only the ones whose whole vector holds every word the query
        -- needs (v_loose: its phrases as "and", its exclusions left out)
        -- can match, so the others' notes are not read: this narrows the
        -- tickets to look at, the match itself is on what the caller may
        -- read.
        v_loose := CASE WHEN querytree(q) <> 'T'
                        THEN regexp_replace(querytree(q), '<[0-9]+>|<->', '&', 'g')::tsquery END;
        v_sql :=
            'WITH extra_ids AS MATERIALIZED (SELECT ticketty.search_extra_tickets($7) AS ticket_id),'
            ' extra AS MATERIALIZED ('
            '  SELECT s.ticket_id, s.is_open, s.created_at,'
            '         s.doc || ticketty.search_notes_doc(s.ticket_id, $7) AS doc'
            '    FROM ticketty.ticket_search_shared s'
            '   WHERE s.ticket_id IN (SELECT x.ticket_id FROM extra_ids x)'
            || CASE WHEN v_cust IS NULL THEN '' ELSE ' AND s.customer_id = $2' END
            || CASE WHEN v_loose IS NULL THEN ''
                    ELSE ' AND EXISTS (SELECT 1 FROM ticketty.ticket_search f'
                         ' WHERE f.ticket_id = s.ticket_id AND f.doc @@ $9)' END || '),'
            ' win AS MATERIALIZED ('
            '  SELECT s.* FROM ((' || v_win
            || ' AND s.ticket_id NOT IN (SELECT x.ticket_id FROM extra_ids x)' || v_order || ' LIMIT $3)'
            '   UNION ALL SELECT e.* FROM extra e WHERE e.doc @@ $1) s'
            || v_order || '   LIMIT $3),';
    END IF;
    v_sql := v_sql ||
        ' n AS (SELECT count(*) AS n FROM win),'
        ' ranked AS ('
        '  SELECT w.ticket_id, w.is_open, w.created_at,'
        '         ts_rank(w.doc, $1) + CASE WHEN ts_filter(w.doc, ''{a}'') @@ $1 THEN 1 ELSE 0 END'
        '         + CASE WHEN w.ticket_id = $5 THEN 10 ELSE 0 END AS rank'
        '    FROM win w'
        '   ORDER BY ' || CASE WHEN "all" THEN '' ELSE 'w.is_open DESC, ' END
        || '        rank DESC, w.created_at DESC, w.ticket_id DESC LIMIT $4)'
        ' SELECT r.ticket_id, r.is_open, t.status, t.severity, cu.name, t.title, t.created_at,'
        '        r.rank::real, ticketty.search_snippet(t, $1, $8, $7), (SELECT n.n FROM n) >= $3 OR $6'
        '   FROM ranked r'
        '   JOIN ticketty.tickets t ON t.id = r.ticket_id'
        '   JOIN ticketty.customers cu ON cu.id = t.customer_id'
        '  ORDER BY ' || CASE WHEN "all" THEN '' ELSE 'r.is_open DESC, ' END
        || '        r.rank DESC, r.created_at DESC, r.ticket_id DESC';
    RETURN QUERY EXECUTE v_sql USING q, v_cust, search_window(), max_rows, v_id, v_cut, v_me, v_all,
                                     v_loose;
END
$$;
GRANT EXECUTE ON FUNCTION search(text, boolean, text, int) TO ticketty_agent;

--- search_json
-- A search result as JSON (for `ticketty search --json`): the rows of
-- search() with the snippet marks turned into a list of matched words.
CREATE OR REPLACE FUNCTION search_json(query text, "all" boolean DEFAULT false, customer text DEFAULT NULL,
                            max_rows int DEFAULT 20)
    RETURNS json
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT json_build_object(
        'query', query,
        'all', "all",
        'results', coalesce(json_agg(json_build_object(
            'id', r.ticket_id, 'open', r.is_open, 'status', r.status, 'severity', r.severity,
            'customer', r.customer_name, 'title', r.title, 'created_at', r.created_at,
            'rank', round(r.rank::numeric, 4),
            'snippet', translate(r.snippet, E'\x02\x03', ''),
            'matched', (SELECT coalesce(json_agg(DISTINCT lower(m[1])), '[]')
                          FROM regexp_matches(r.snippet, E'\x02([^\x03]*)\x03', 'g') AS m))
            ORDER BY r.ord), '[]'),
        'more', coalesce(bool_or(r.window_full), search_partial(query, "all", customer)))
      FROM (SELECT s.*, row_number() OVER () AS ord
              FROM search(query, "all", customer, max_rows) s) r
$$;
GRANT EXECUTE ON FUNCTION search_json(text, boolean, text, int) TO ticketty_agent;

--- search_duplicates
-- Likely duplicates of a ticket being filed: open tickets of the customer
-- that share an object ID or have a similar title (pg_trgm similarity of
-- 0.3 or more, among the customer's nearest titles), best first.
-- `customer` as search_customer() reads it; the title and the object IDs
-- may be empty. At most max_rows (1-20).
CREATE OR REPLACE FUNCTION search_duplicates(customer text, draft_title text, draft_object_ids text[],
                                  max_rows int DEFAULT 5)
    RETURNS TABLE (ticket_id bigint, status ticket_status, severity smallint, title text,
                   created_at timestamptz, shared_ids text[], similarity real)
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_cust  int := search_customer(customer);
    v_title text := nullif(btrim(coalesce(draft_title, '')), '');
    v_ids   text[] := coalesce(draft_object_ids, '{}');
BEGIN
    RETURN QUERY
    SELECT d.id, d.status, d.severity, d.title, d.created_at,
           ARRAY(SELECT unnest(d.object_ids) INTERSECT SELECT unnest(v_ids)),
           CASE WHEN v_title IS NULL THEN 0 ELSE ticketty.similarity(d.title, v_title) END::real
      FROM ((SELECT t.* FROM tickets t
              WHERE t.is_open AND t.customer_id = v_cust AND t.object_ids && v_ids
              LIMIT 100)
            UNION
            (SELECT t.* FROM tickets t
              WHERE t.is_open AND t.customer_id = v_cust AND v_title IS NOT NULL
              ORDER BY t.title OPERATOR(ticketty.<->) v_title
              LIMIT least(greatest(max_rows, 1), 20))) d
     WHERE d.object_ids && v_ids
        OR (v_title IS NOT NULL AND ticketty.similarity(d.title, v_title) >= 0.3)
     ORDER BY cardinality(ARRAY(SELECT unnest(d.object_ids) INTERSECT SELECT unnest(v_ids))) > 0 DESC,
              7 DESC, 5 DESC, d.id DESC
     LIMIT least(greatest(max_rows, 1), 20);
END
$$;
GRANT EXECUTE ON FUNCTION search_duplicates(text, text, text[], int) TO ticketty_agent;

--- api_object_ids
-- Object IDs given to look for (`ticket similar --object-ids`) read as
-- intake reads a ticket's (intake_list_value: separated by blanks, commas
-- or semicolons, each a positive whole number, at most 1000): the IDs as
-- a ticket stores them ("007" is "7"), '{}' for none; refused (TT400,
-- field object_ids) in intake's words otherwise (intake_list_refusal). `ticket similar
-- --object-ids abc` looked for an ID no ticket can hold and said nothing.
CREATE OR REPLACE FUNCTION api_object_ids(p_ids text) RETURNS text[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_label text := coalesce((SELECT f.label FROM intake_fields f WHERE f.name = 'object_ids'), 'Object IDs');
    v       jsonb;
BEGIN
    IF p_ids IS NULL THEN
        RETURN '{}';
    END IF;
    v := intake_list_value(to_jsonb(p_ids), 'id_list', NULL, false);
    IF v IS NULL THEN
        RETURN '{}';
    ELSIF jsonb_typeof(v) = 'array' THEN
        RETURN ARRAY(SELECT jsonb_array_elements_text(v));
    END IF;
    PERFORM admin_refuse_if(ARRAY[intake_list_refusal('object_ids', v_label, 'id_list', v ->> 'refused',
                                                  to_jsonb(p_ids), NULL)],
        'the object IDs given are not a list of IDs: nothing was looked for');
    RETURN NULL;
END
$$;

--- search_words
-- The vector of a text: what the parser makes of it, then the words of
-- its hosts, URL paths and file names (each holds a '/', or a '.' between
-- letters or digits: a text without one is not parsed twice), then its
-- words written with an apostrophe or hyphens inside, joined
-- (search_joined_words, called only for a text that has such a word),
-- then the words of its e-mail addresses and of its hosts given with a
-- port (a text without an '@' between letters or digits or a ':' after a
-- domain has none). The parser keeps those whole
-- ('billing@acme-corp.example', 'acme-corp.example:8080': one word each,
-- so "acme-corp.example" found neither): an address's local part and
-- domain, each as the parser reads it ("ana.lopez" and
-- "acme-corp.example" are hosts), and their words (punctuation read as
-- spaces, hyphens kept: 'ana', 'lopez', 'acme-corp' and its parts 'acm'
-- and 'corp', 'exampl'), as a host's are read; a host with a port, its
-- host (964). The address itself is still one word.
-- One pass of ts_parse yields both the hosts' and the addresses' words
-- (until 965 each had its own, and search_address_words parsed a
-- contact's address a third time); the token types are the default
-- parser's fixed ids (ts_token_type('default'): 4 email, 6 host,
-- 18 url_path, 19 file; tests/db/test_search_words_same.c checks them
-- and that the vectors are those of the three passes).
CREATE OR REPLACE FUNCTION search_words(body text) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
    v       tsvector := pg_catalog.to_tsvector('ticketty.search_text', body);
    v_hosts boolean;
    v_addrs boolean;
    v_inner text;
    v_words text;
BEGIN
    IF body IS NULL THEN
        RETURN v;
    END IF;
    v_hosts := body ~ '/|[[:alnum:]]\.[[:alnum:]]';
    v_addrs := body ~ '[[:alnum:]]@[[:alnum:]]|\.[[:alpha:]]+:[0-9]';
    IF v_hosts OR v_addrs THEN
        -- the hosts', URL paths' and file names' words, punctuation read
        -- as spaces and hyphens kept; the addresses' parts and words and
        -- the hosts without their ports; each in the text's order
        SELECT pg_catalog.string_agg(pg_catalog.regexp_replace(p.token, '[^[:alnum:]-]+', ' ', 'g'), ' ')
                   FILTER (WHERE v_hosts AND p.tokid IN (6, 18, 19)),
               pg_catalog.string_agg(
                   CASE WHEN p.tokid = 4
                        THEN pg_catalog.split_part(p.token, '@', 1) || ' ' || pg_catalog.split_part(p.token, '@', 2)
                             || ' ' || pg_catalog.regexp_replace(p.token, '[^[:alnum:]-]+', ' ', 'g')
                        ELSE pg_catalog.regexp_replace(p.token, ':[0-9]+$', '') END, ' ')
                   FILTER (WHERE v_addrs AND (p.tokid = 4 OR (p.tokid = 6 AND p.token ~ ':[0-9]+$')))
          INTO v_inner, v_words
          FROM pg_catalog.ts_parse('default', body) p
         WHERE p.tokid IN (4, 6, 18, 19);
        IF v_hosts THEN
            v := v || coalesce(pg_catalog.to_tsvector('ticketty.search_text', v_inner), '');
        END IF;
    END IF;
    -- search_joined_words' own test, so that most texts skip the call
    IF body ~ '[[:alpha:]À-ÖØ-öø-ɏ](?:[''’ʼ][[:alpha:]À-ÖØ-öø-ɏ]{3}|-[[:alpha:]À-ÖØ-öø-ɏ])' THEN
        v := v || ticketty.search_joined_words(body);
    END IF;
    IF v_words IS NOT NULL THEN
        v := v || pg_catalog.to_tsvector('ticketty.search_text', v_words);
    END IF;
    RETURN v;
END
$$;
COMMENT ON FUNCTION search_words(text) IS
    'The search vector of a text, with the words inside its links, paths, file names and addresses and its joined words.';
REVOKE ALL ON FUNCTION search_words(text) FROM ticketty_agent, PUBLIC;

--- search_joined_words
-- The words of a text written joined that the parser splits: a name with
-- an apostrophe before 3 letters or more ("O'Brien", "d'Artagnan",
-- "L'Oréal"; "O’Brien" too) or letters joined by hyphens ("Jean-Luc",
-- "e-mail"), each as one word without them ('obrien', 'jeanluc',
-- 'email'), so that "obrien" finds "O'Brien" (which the parser reads as
-- the words "O" and "Brien", the apostrophe a blank) and "jeanluc"
-- finds "Jean-Luc". An apostrophe before fewer letters ("don't", "we'll",
-- "customer's") joins nothing: "well" finds no "we'll". search_words
-- appends them to a text's vector; search_query looks for the joined
-- form of such a word in the query too (so "o'brien" finds "OBrien").
-- A letter is one of [:alpha:] or of Latin-1 and Latin Extended-A/B,
-- whatever the database's locale.
CREATE OR REPLACE FUNCTION search_joined_words(body text) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
BEGIN
    IF body IS NULL
       OR body !~ '[[:alpha:]À-ÖØ-öø-ɏ](?:[''’ʼ][[:alpha:]À-ÖØ-öø-ɏ]{3}|-[[:alpha:]À-ÖØ-öø-ɏ])' THEN
        RETURN ''::tsvector;
    END IF;
    RETURN coalesce(pg_catalog.to_tsvector('ticketty.search_text', (
               SELECT pg_catalog.string_agg(pg_catalog.translate(m[1], '''’ʼ-', ''), ' ')
                 FROM pg_catalog.regexp_matches(body,
                          '([[:alpha:]À-ÖØ-öø-ɏ]+(?:[''’ʼ][[:alpha:]À-ÖØ-öø-ɏ]{3,}|-[[:alpha:]À-ÖØ-öø-ɏ]+)+)',
                          'g') AS m)), '');
END
$$;
COMMENT ON FUNCTION search_joined_words(text) IS
    'The words of a text written with an apostrophe or hyphens inside (O''Brien, Jean-Luc), joined.';
REVOKE ALL ON FUNCTION search_joined_words(text) FROM ticketty_agent, PUBLIC;

--- search_backfill_step
-- Rebuilds from scratch (search_doc, search_shared_doc) the stored
-- vectors of the next p_batch tickets a migration listed in
-- search_backfill (963), in id order, and strikes them off; the row goes
-- once none is left. The caller commits each call on its own
-- (migrate_backfill), so no transaction holds many rows for long. Both
-- tables' rows of the batch are locked first, in id order, before any
-- text is read: a message written meanwhile waits, then appends its
-- words to the vector written here; it is never appended to a vector
-- this batch then overwrites with words read before it. A vector that
-- would pass PostgreSQL's 1 MB limit keeps what it has (as
-- search_comments_changed does). Owner only. Returns about how many
-- tickets are left (ids up to the last listed, not rows), 0 when none.
CREATE OR REPLACE FUNCTION search_backfill_step(p_batch int) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    b search_backfill%ROWTYPE;
    upto bigint;
    r record;
BEGIN
    SELECT * INTO b FROM search_backfill FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    SELECT max(id) INTO upto
      FROM (SELECT id FROM tickets WHERE id BETWEEN b.next_ticket AND b.last_ticket
             ORDER BY id LIMIT greatest(p_batch, 1)) s;
    IF upto IS NULL THEN
        DELETE FROM search_backfill;
        RETURN 0;
    END IF;
    PERFORM 1 FROM ticket_search WHERE ticket_id BETWEEN b.next_ticket AND upto
      ORDER BY ticket_id FOR UPDATE;
    PERFORM 1 FROM ticket_search_shared WHERE ticket_id BETWEEN b.next_ticket AND upto
      ORDER BY ticket_id FOR UPDATE;
    BEGIN
        UPDATE ticket_search s SET doc = d.doc
          FROM (SELECT t.id, search_doc(t) AS doc FROM tickets t
                 WHERE t.id BETWEEN b.next_ticket AND upto) d
         WHERE s.ticket_id = d.id AND s.doc IS DISTINCT FROM d.doc;
        UPDATE ticket_search_shared s SET doc = d.doc
          FROM (SELECT t.id, search_shared_doc(t) AS doc FROM tickets t
                 WHERE t.id BETWEEN b.next_ticket AND upto) d
         WHERE s.ticket_id = d.id AND s.doc IS DISTINCT FROM d.doc;
    EXCEPTION WHEN program_limit_exceeded THEN
        -- some vector would pass 1 MB: one ticket at a time, that one kept
        FOR r IN SELECT t FROM tickets t WHERE t.id BETWEEN b.next_ticket AND upto ORDER BY t.id LOOP
            BEGIN
                UPDATE ticket_search s SET doc = search_doc(r.t) WHERE s.ticket_id = (r.t).id;
            EXCEPTION WHEN program_limit_exceeded THEN
                NULL;
            END;
            BEGIN
                UPDATE ticket_search_shared s SET doc = search_shared_doc(r.t) WHERE s.ticket_id = (r.t).id;
            EXCEPTION WHEN program_limit_exceeded THEN
                NULL;
            END;
        END LOOP;
    END;
    IF upto >= b.last_ticket THEN
        DELETE FROM search_backfill;
        RETURN 0;
    END IF;
    UPDATE search_backfill SET next_ticket = upto + 1;
    RETURN b.last_ticket - upto;
END
$$;
REVOKE ALL ON FUNCTION search_backfill_step(int) FROM ticketty_agent, PUBLIC;

--- search_rebuild
-- Rebuilds both tables (ticket_search and ticket_search_shared)
-- set-based, after a bulk load without triggers or to repair them. Owner
-- only. Returns the number of tickets indexed. Indexes are dropped and
-- built once at the end, with those an earlier deferred rebuild left;
-- with defer_indexes they are left to search_build_pending.
-- A bulk loader that knows its texts (the demo seeder) may hand in the
-- tickets' own-field vectors (search_own_doc()) in a temporary table
-- search_own_docs (ticket_id, customer_id, contact_id, is_open,
-- created_at, doc) of the same transaction; it must then cover every
-- ticket, else they are computed here.
CREATE OR REPLACE FUNCTION search_rebuild(defer_indexes boolean DEFAULT false) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
    SET maintenance_work_mem = '1GB'
AS $$
DECLARE
    n bigint;
    r record;
    supplied boolean;
BEGIN
    CREATE TEMP TABLE IF NOT EXISTS search_own_docs (
        ticket_id bigint, customer_id int, contact_id int, is_open boolean,
        created_at timestamptz, doc tsvector) ON COMMIT DROP;
    SELECT EXISTS (SELECT 1 FROM pg_temp.search_own_docs) INTO supplied;
    IF supplied AND (SELECT count(*) FROM pg_temp.search_own_docs) <> (SELECT count(*) FROM tickets) THEN
        RAISE EXCEPTION 'search_own_docs does not cover every ticket';
    END IF;
    -- indexes are built once at the end (much faster than row by row);
    -- those an earlier deferred rebuild left unbuilt are built with them
    CREATE TEMP TABLE search_rebuild_indexes ON COMMIT DROP AS
    SELECT i.indexrelid::regclass::text AS name, pg_catalog.pg_get_indexdef(i.indexrelid) AS def,
           i.indrelid::regclass::text AS tab, true AS built
      FROM pg_catalog.pg_index i
     WHERE i.indrelid IN ('ticketty.ticket_search'::regclass, 'ticketty.ticket_search_shared'::regclass)
       AND NOT i.indisprimary
    UNION ALL
    SELECT p.name, p.def, p.tab, false FROM search_index_pending p;
    DELETE FROM search_index_pending;
    FOR r IN SELECT * FROM search_rebuild_indexes WHERE built LOOP
        EXECUTE 'DROP INDEX ' || r.name;
    END LOOP;
    TRUNCATE ticket_search, ticket_search_shared;
    -- Each distinct text is parsed once: a message's vector depends on its
    -- kind and body only (canned replies and the demo data repeat them), a
    -- ticket's customer part on its customer and contact only, and its own
    -- fields' part is shared by both tables.
    CREATE TEMP TABLE search_rebuild_texts ON COMMIT DROP AS
    SELECT k.kind, k.body, search_comment_doc(k.kind, k.body) AS doc
      FROM (SELECT DISTINCT c.kind, c.body FROM comments c) k;
    CREATE TEMP TABLE search_rebuild_messages ON COMMIT DROP AS
    SELECT c.ticket_id,
           tsvector_agg(x.doc ORDER BY c.created_at, c.id) AS doc,
           tsvector_agg(x.doc ORDER BY c.created_at, c.id) FILTER (WHERE c.kind <> 'internal') AS shared
      FROM comments c JOIN search_rebuild_texts x ON x.kind = c.kind AND x.body = c.body
     GROUP BY c.ticket_id;
    DROP TABLE search_rebuild_texts;
    CREATE TEMP TABLE search_rebuild_parties ON COMMIT DROP AS
    SELECT p.customer_id, p.contact_id,
           search_party_doc(p.customer_id, p.contact_id) AS doc,
           search_party_doc(p.customer_id, NULL) AS shared
      FROM (SELECT DISTINCT customer_id, contact_id FROM tickets) p;
    WITH own AS MATERIALIZED (
        SELECT o.ticket_id AS id, o.customer_id, o.contact_id, o.is_open, o.created_at, o.doc
          FROM pg_temp.search_own_docs o WHERE supplied
        UNION ALL
        SELECT t.id, t.customer_id, t.contact_id, t.is_open, t.created_at, search_own_doc(t)
          FROM tickets t WHERE NOT supplied),
    shared AS (
        INSERT INTO ticket_search_shared (ticket_id, customer_id, is_open, created_at, doc)
        SELECT o.id, o.customer_id, o.is_open, o.created_at, o.doc || p.shared || coalesce(m.shared, '')
          FROM own o
          JOIN search_rebuild_parties p ON p.customer_id = o.customer_id AND p.contact_id = o.contact_id
          LEFT JOIN search_rebuild_messages m ON m.ticket_id = o.id)
    INSERT INTO ticket_search (ticket_id, customer_id, is_open, created_at, doc)
    SELECT o.id, o.customer_id, o.is_open, o.created_at, o.doc || p.doc || coalesce(m.doc, '')
      FROM own o
      JOIN search_rebuild_parties p ON p.customer_id = o.customer_id AND p.contact_id = o.contact_id
      LEFT JOIN search_rebuild_messages m ON m.ticket_id = o.id;
    GET DIAGNOSTICS n = ROW_COUNT;
    DROP TABLE search_rebuild_messages, search_rebuild_parties, pg_temp.search_own_docs;
    IF defer_indexes THEN
        INSERT INTO search_index_pending (name, def, tab)
        SELECT x.name, x.def, x.tab FROM search_rebuild_indexes x;
    ELSE
        FOR r IN SELECT * FROM search_rebuild_indexes LOOP
            EXECUTE r.def;
        END LOOP;
    END IF;
    DROP TABLE search_rebuild_indexes;
    ANALYZE ticket_search;
    ANALYZE ticket_search_shared;
    RETURN n;
END
$$;
REVOKE ALL ON FUNCTION search_rebuild(boolean) FROM ticketty_agent, PUBLIC;

--- search_build_pending
-- Builds the indexes a deferred search_rebuild left (search_index_pending)
-- on table p_table, or on both when NULL; returns how many. Owner only.
CREATE OR REPLACE FUNCTION search_build_pending(p_table regclass) RETURNS int
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
    SET maintenance_work_mem = '1GB'
AS $$
DECLARE
    r record;
    n int := 0;
BEGIN
    FOR r IN DELETE FROM search_index_pending p
              WHERE p_table IS NULL OR p.tab = p_table::text
          RETURNING p.def LOOP
        EXECUTE r.def;
        n := n + 1;
    END LOOP;
    RETURN n;
END
$$;
REVOKE ALL ON FUNCTION search_build_pending(regclass) FROM ticketty_agent, PUBLIC;
