-- 671_search_words_plpgsql.sql: search_words (650) in PL/pgSQL, so a new
-- ticket costs what it did before 650.
--   * As a SQL function with SET search_path it was never inlined, and
--     every call planned its body again (with the sub-select over
--     ts_parse): 0.17 ms a call and four calls a ticket in
--     tickets_after_insert, 0.69 ms a ticket at intake
--     (tests/bench/intake_bench.sh PROFILE=1), and the same per row in a
--     rebuild of the search tables.
--   * In PL/pgSQL the test for a link, path or file name is a simple
--     expression and the parse a plan kept for the session; names carry
--     their schema instead of a SET (which would cost every call). Same
--     words, same vectors (tests/db/test_search ids_inside_links_and_paths
--     checks the triggers' vectors against a rebuild).

SELECT set_config('search_path', 'ticketty', true);

