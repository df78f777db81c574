-- 310_search_customer_mail.sql: a product manager or developer finds what
-- the customer wrote. Row-level security (049) lets every agent read the
-- customer's mail on a ticket (comments of kind 'customer'), and the
-- ticket view shows it to them, but 070's shared search index,
-- ticket_search_shared, held the public replies only: a word only the
-- customer used found nothing for them, and no snippet came from their
-- mail. Now the shared vector holds every message but internal notes, as
-- docs/access.md says search should ("what they may read"). Replaces 070's
-- search_shared_doc, search_comments_changed, search_rebuild and
-- search_snippet whole; then rewrites the shared row of each ticket that
-- has customer mail (no other row changes, so the cost is that of those
-- tickets alone).

SELECT set_config('search_path', 'ticketty', true);

-- The vector of what every agent may read of a ticket (ticket_search_shared):
-- its fields and customer without the contact, then its messages: the
-- public replies and the customer's mail (every message but internal notes).
CREATE OR REPLACE FUNCTION search_shared_doc(t tickets) RETURNS tsvector
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT search_fields_doc(t, false)
        || coalesce((SELECT tsvector_agg(search_comment_doc(c.kind, c.body) ORDER BY c.created_at, c.id)
                       FROM comments c WHERE c.ticket_id = t.id AND c.kind <> 'internal'), '')
$$;

-- A new message or note is appended (a public reply or the customer's
-- mail to both tables, an internal note to ticket_search only); an edited or deleted one (no API
-- does either today) rebuilds the ticket's vectors. A vector that would
-- pass PostgreSQL's 1 MB limit keeps what it has: the message is stored,
-- only its words are not searchable.
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

-- Rebuilds the whole table set-based (after a bulk load without triggers,
-- or to repair it). Owner only. Returns the number of tickets indexed.
-- A bulk loader that knows its texts (the demo seeder) may hand in the
-- tickets' own-field vectors (search_own_doc()) in a temporary table
-- search_own_docs (ticket_id, customer_id, contact_id, is_open,
-- created_at, doc) of the same transaction; it must then cover every
-- ticket, else they are computed here.
CREATE OR REPLACE FUNCTION search_rebuild() RETURNS bigint
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
    -- indexes are built once at the end (much faster than row by row)
    CREATE TEMP TABLE search_rebuild_indexes ON COMMIT DROP AS
    SELECT i.indexrelid::regclass::text AS name, pg_catalog.pg_get_indexdef(i.indexrelid) AS def
      FROM pg_catalog.pg_index i
     WHERE i.indrelid IN ('ticketty.ticket_search'::regclass, 'ticketty.ticket_search_shared'::regclass)
       AND NOT i.indisprimary;
    FOR r IN SELECT * FROM search_rebuild_indexes LOOP
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
    FOR r IN SELECT * FROM search_rebuild_indexes LOOP
        EXECUTE r.def;
    END LOOP;
    DROP TABLE search_rebuild_indexes;
    ANALYZE ticket_search;
    ANALYZE ticket_search_shared;
    RETURN n;
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
    IF NOT to_tsvector('ticketty.search_text', v_text) @@ q THEN
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

-- The tickets already holding customer mail get their shared vector anew.
UPDATE ticket_search_shared s
   SET doc = search_shared_doc(t)
  FROM tickets t
 WHERE t.id = s.ticket_id
   AND EXISTS (SELECT 1 FROM comments c WHERE c.ticket_id = t.id AND c.kind = 'customer');
