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

DROP FUNCTION IF EXISTS search_rebuild();

-- @function search_rebuild (sql/functions/search.sql)

-- @function search_build_pending (sql/functions/search.sql)

