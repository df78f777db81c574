-- 070_search.sql: full-text search over tickets, the customer's history
-- and the intake form's duplicate hint (DESIGN.md section 11).
--
-- One row per ticket in ticket_search holds the ticket's whole searchable
-- text as one weighted tsvector, kept current by triggers:
--   A  ticket number, title, object/member/bidder/creative IDs, bug reference
--   B  description, impact, steps to reproduce
--   C  customer name, contact name and address, public messages
--   D  internal notes
-- Who finds what (docs/access.md "who sees what"): what a role finds and
-- sees through search is exactly what it may read directly. ticket_search
-- holds contacts and internal notes, so only support staff may read it
-- (row-level security, the predicate of contacts and comments). Every
-- ticket has a second row, in ticket_search_shared, with what every agent
-- may read: the ticket's fields, its customer's name and its public
-- messages (no contact, no internal note). search() runs as the schema
-- owner (SECURITY DEFINER) and reads ticket_search for support staff (and
-- the owner and superusers), else ticket_search_shared plus, computed per
-- search, the internal notes that agent may read (those of the tickets
-- it collaborates on, and its own); snippets are cut from those alone.
-- A new message or note is appended to the vector (tsvector ||), so adding
-- one costs the size of that message, not of the ticket; a change of the
-- ticket's own fields, of its customer's name or of its contact rebuilds
-- the vector from scratch (search_doc()). search_rebuild() rebuilds every
-- row set-based (the demo seeder calls it after its trigger-less load).
--
-- Text is parsed with the configuration ticketty.search_text: English
-- stemming with accents folded by the unaccent dictionary, so
-- "facturacion" finds "facturación". Queries use websearch_to_tsquery
-- syntax ("quoted phrase", -word, or).
--
-- The search itself, search(): the matching tickets are read in a window
-- of at most search_window() rows, open tickets first (unless "all"),
-- newest first: for a query common among the newest tickets (a probe of
-- 1000 tells) by walking the (is_open, created_at) order and checking
-- each ticket, else from the GIN index of the vectors. The window is
-- ranked by ts_rank and
-- the first page is returned with a snippet of the matching words
-- (ts_headline) between the marks U+0002 and U+0003. When more tickets
-- match than the window holds, the ranking is that of the newest matches
-- (window_full tells): the cost of a page stays bounded at any size.
--
-- Extensions (created here when missing, in schema ticketty): unaccent,
-- pg_trgm (title similarity of the duplicate hint) and btree_gist (the
-- customer in the same GiST index as the title trigrams, which then
-- returns a customer's nearest titles first). All three are
-- "trusted" contrib extensions: a superuser, or the database owner with
-- CREATE on the database, may create them; the package postgresql-contrib
-- (Debian: part of postgresql-NN) must be installed on the server.

SELECT set_config('search_path', 'ticketty', true);

-- ----------------------------------------------------------- extensions --

DO $$
DECLARE
    e text;
    s name;
BEGIN
    FOREACH e IN ARRAY ARRAY['unaccent', 'pg_trgm', 'btree_gist'] LOOP
        SELECT n.nspname INTO s FROM pg_catalog.pg_extension x
          JOIN pg_catalog.pg_namespace n ON n.oid = x.extnamespace WHERE x.extname = e;
        IF s IS NULL THEN
            BEGIN
                EXECUTE format('CREATE EXTENSION %I WITH SCHEMA ticketty', e);
            EXCEPTION WHEN insufficient_privilege OR undefined_file THEN
                RAISE EXCEPTION 'the extension % is missing and "%" may not create it', e, current_user
                    USING ERRCODE = '42501',
                          HINT = 'Install the PostgreSQL contrib modules on the server and apply this '
                                 'migration as a superuser or the database owner, or have a superuser '
                                 'run CREATE EXTENSION ' || e || ' WITH SCHEMA ticketty first.';
            END;
        ELSIF s <> 'ticketty' THEN
            RAISE EXCEPTION 'the extension % is installed in schema %, but ticketty needs it in schema ticketty', e, s
                USING ERRCODE = '42501',
                      HINT = 'ALTER EXTENSION ' || e || ' SET SCHEMA ticketty (as its owner), then migrate again.';
        END IF;
    END LOOP;
END
$$;

-- Agents need none of the extensions' functions directly.
DO $$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
               JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_proc'::regclass
                                          AND d.objid = p.oid AND d.deptype = 'e'
               JOIN pg_catalog.pg_extension x ON x.oid = d.refobjid
              WHERE x.extname IN ('unaccent', 'pg_trgm', 'btree_gist')
    LOOP
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC, ticketty_agent', f);
    END LOOP;
END
$$;

-- ...but the duplicate hint (SECURITY INVOKER) compares titles (<->).
GRANT EXECUTE ON FUNCTION similarity(text, text) TO ticketty_agent;
GRANT EXECUTE ON FUNCTION similarity_dist(text, text) TO ticketty_agent;

-- English stemming, accents folded first.
CREATE TEXT SEARCH CONFIGURATION search_text (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION search_text
    ALTER MAPPING FOR hword, hword_part, word WITH ticketty.unaccent, pg_catalog.english_stem;
COMMENT ON TEXT SEARCH CONFIGURATION search_text IS
    'Ticket search: English stemming with accents folded (unaccent).';

-- ----------------------------------------------------------- the index --

CREATE TABLE ticket_search (
    ticket_id   bigint PRIMARY KEY REFERENCES tickets ON DELETE CASCADE,
    customer_id int NOT NULL,
    is_open     boolean NOT NULL,
    created_at  timestamptz NOT NULL,
    doc         tsvector NOT NULL
) WITH (toast_tuple_target = 128, fillfactor = 90);
COMMENT ON TABLE ticket_search IS
    'One weighted tsvector per ticket (fields, customer, contact, messages, notes), kept current by triggers.';
-- The vectors live out of line: the table itself stays narrow, so walking
-- it in (is_open, created_at) order reads few pages.
CREATE INDEX ticket_search_doc_idx ON ticket_search USING gin (doc);
CREATE INDEX ticket_search_order_idx ON ticket_search (is_open, created_at, ticket_id);
CREATE INDEX ticket_search_customer_idx ON ticket_search (customer_id, is_open, created_at, ticket_id);
-- Contacts and internal notes: support staff only, as in contacts and
-- comments (049). search() reads it as the owner, for support staff.
ALTER TABLE ticket_search ENABLE ROW LEVEL SECURITY;
CREATE POLICY ticket_search_visible ON ticket_search FOR SELECT TO ticketty_agent
    USING ((SELECT session_agent_is_support()));

-- What every agent may read of each ticket: its fields, its customer's
-- name, its public messages (search_shared_doc()). Readable by all agents.
CREATE TABLE ticket_search_shared (
    ticket_id   bigint PRIMARY KEY REFERENCES tickets ON DELETE CASCADE,
    customer_id int NOT NULL,
    is_open     boolean NOT NULL,
    created_at  timestamptz NOT NULL,
    doc         tsvector NOT NULL
) WITH (toast_tuple_target = 128, fillfactor = 90);
COMMENT ON TABLE ticket_search_shared IS
    'One weighted tsvector per ticket of what every agent may read (fields, customer, public messages).';
CREATE INDEX ticket_search_shared_doc_idx ON ticket_search_shared USING gin (doc);
CREATE INDEX ticket_search_shared_order_idx ON ticket_search_shared (is_open, created_at, ticket_id);
CREATE INDEX ticket_search_shared_customer_idx
    ON ticket_search_shared (customer_id, is_open, created_at, ticket_id);
-- The internal notes a pm or developer wrote (search_extra_tickets()).
CREATE INDEX comments_internal_author_idx ON comments (author_id, ticket_id) WHERE kind = 'internal';

-- The intake form's duplicate hint: open tickets sharing an object ID,
-- or of the same customer with a similar title (nearest first: GiST).
CREATE INDEX tickets_open_object_ids_idx ON tickets USING gin (object_ids) WHERE is_open;
CREATE INDEX tickets_open_title_trgm_idx
    ON tickets USING gist (customer_id, title gist_trgm_ops) WHERE is_open;
-- The customer's history in the ticket view: newest first.
CREATE INDEX tickets_customer_history_idx ON tickets (customer_id, is_open, created_at, id);

-- Concatenates vectors in order (the positions of each one follow the
-- previous ones, as tsvector || does).
CREATE AGGREGATE tsvector_agg(tsvector) (
    SFUNC = pg_catalog.tsvector_concat,
    STYPE = tsvector,
    INITCOND = ''
);

-- @function search_comment_doc (sql/functions/search.sql)

-- @function search_own_doc (sql/functions/search.sql)

-- @function search_party_doc (sql/functions/search.sql)

-- @function search_fields_doc (sql/functions/search.sql)

-- @function search_doc (sql/functions/search.sql)

-- @function search_shared_doc (sql/functions/search.sql)

-- @function search_extra_tickets (sql/functions/search.sql)

-- @function search_notes_doc (sql/functions/search.sql)

-- @function search_sees_all (sql/functions/search.sql)

-- @function search_refresh (sql/functions/search.sql)

-- ------------------------------------------------------------- triggers --

-- @function search_tickets_changed (sql/functions/search.sql)
CREATE TRIGGER search_tickets_changed
    AFTER UPDATE ON tickets
    FOR EACH ROW EXECUTE FUNCTION search_tickets_changed();

-- @function search_comments_changed (sql/functions/search.sql)
CREATE TRIGGER search_comments_changed
    AFTER INSERT OR UPDATE OF body, kind, ticket_id OR DELETE ON comments
    FOR EACH ROW EXECUTE FUNCTION search_comments_changed();

-- @function search_people_changed (sql/functions/search.sql)
CREATE TRIGGER search_customers_changed
    AFTER UPDATE OF name ON customers
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION search_people_changed();
CREATE TRIGGER search_contacts_changed
    AFTER UPDATE OF name, email ON contacts
    FOR EACH ROW WHEN ((OLD.name, OLD.email) IS DISTINCT FROM (NEW.name, NEW.email))
    EXECUTE FUNCTION search_people_changed();

-- -------------------------------------------------------------- search --

-- @function search_window (sql/functions/search.sql)

-- @function search_query (sql/functions/search.sql)

-- @function search_customer (sql/functions/search.sql)

-- @function search_snippet (sql/functions/search.sql)

-- @function search_plan (sql/functions/search.sql)

-- @function search_partial (sql/functions/search.sql)

-- @function search (sql/functions/search.sql)

-- @function search_json (sql/functions/search.sql)

-- ------------------------------------------------------ duplicate hint --

-- @function search_duplicates (sql/functions/search.sql)

-- ---------------------------------------------------------- privileges --

GRANT EXECUTE ON FUNCTION tsvector_agg(tsvector) TO ticketty_agent;
