-- 500_search_ids.sql: two IDs a support engineer pastes were not found.
--   * A number that the ticket holds after a hyphen: a bug reference
--     "ENG-20691" or an object ID "li-98765" is parsed as a word and a
--     signed number ('-20691'), so searching "20691" found nothing.
--   * A link pasted whole: "https://jira.example.com/browse/ADX-991" as a
--     query became 'https' and a path starting with '/', while the ticket
--     stores the link as its host and path, so the bug reference's own
--     link did not find its ticket.
-- The query now matches a number with or without a hyphen before it, and
-- drops a link's scheme. search_query (070) is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

CREATE OR REPLACE FUNCTION search_query(query text) RETURNS tsquery
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
    SET client_min_messages = warning   -- no NOTICE for a query of stop words only
AS $$
DECLARE
    q tsquery;
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
    q := websearch_to_tsquery('ticketty.search_text',
                              regexp_replace(query, '\m[A-Za-z][A-Za-z0-9+.-]*://', '', 'g'));
    -- a number also finds the same digits after a hyphen: the parser
    -- stores "ENG-20691" as 'eng' and '-20691' (a signed number)
    IF q::text ~ '''[0-9]+''' THEN
        q := regexp_replace(q::text, '''([0-9]+)''', '( ''\1'' | ''-\1'' )', 'g')::tsquery;
    END IF;
    IF numnode(q) = 0 THEN
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
