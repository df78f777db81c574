-- 810_search_index_two_sessions.sql: the seeder builds the search
-- tables' indexes after its commit, in two sessions at once (issue #19,
-- seeding: the two GIN builds were half of a 10M seed, one after the
-- other on one core).
--   * search_index_pending (new): indexes of ticket_search and
--     ticket_search_shared that a deferred rebuild dropped and left to
--     build, with their CREATE INDEX statements. Owner only.
--   * search_rebuild(defer_indexes boolean DEFAULT false) replaces
--     search_rebuild() (310; dropped and created again, so that no
--     ambiguous overload remains): with defer_indexes it leaves its
--     indexes unbuilt and listed in search_index_pending; any rebuild
--     first takes in what an earlier one left there, so an interrupted
--     seeder's indexes are built by the next rebuild.
--   * search_build_pending(p_table regclass) (new): builds the listed
--     indexes of one table (all, when NULL) and strikes them off; the
--     seeder calls it for each table in a session of its own.

SELECT set_config('search_path', 'ticketty', true);

CREATE TABLE search_index_pending (
    name text PRIMARY KEY,  -- the index, as regclass::text names it
    def  text NOT NULL,     -- its CREATE INDEX statement (pg_get_indexdef)
    tab  text NOT NULL      -- the table it is on, as regclass::text names it
);
COMMENT ON TABLE search_index_pending IS
    'Search indexes a deferred search_rebuild() dropped and left to build (search_build_pending())';
REVOKE ALL ON search_index_pending FROM PUBLIC;

DROP FUNCTION search_rebuild();

CREATE FUNCTION search_rebuild(defer_indexes boolean DEFAULT false) RETURNS bigint
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


CREATE FUNCTION search_build_pending(p_table regclass) RETURNS int
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

REVOKE ALL ON FUNCTION search_rebuild(boolean), search_build_pending(regclass) FROM ticketty_agent, PUBLIC;
