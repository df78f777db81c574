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

CREATE OR REPLACE FUNCTION search_words(body text) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
    v_inner text;
BEGIN
    IF body IS NULL OR body !~ '/|[[:alnum:]]\.[[:alnum:]]' THEN
        RETURN pg_catalog.to_tsvector('ticketty.search_text', body);
    END IF;
    -- the words of its hosts, URL paths and file names, punctuation read
    -- as spaces and hyphens kept
    SELECT pg_catalog.string_agg(pg_catalog.regexp_replace(p.token, '[^[:alnum:]-]+', ' ', 'g'), ' ')
      INTO v_inner
      FROM pg_catalog.ts_parse('default', body) p
     WHERE p.tokid IN (SELECT k.tokid FROM pg_catalog.ts_token_type('default') k
                        WHERE k.alias IN ('host', 'url_path', 'file'));
    RETURN pg_catalog.to_tsvector('ticketty.search_text', body)
        || coalesce(pg_catalog.to_tsvector('ticketty.search_text', v_inner), '');
END
$$;
