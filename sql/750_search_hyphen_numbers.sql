-- 750_search_hyphen_numbers.sql: "ADX-991" did not find a ticket that
-- wrote the same reference as "ADX_991", "ADX 991" or "ADX–991" (an en
-- dash, as word processors turn it). The parser reads "-991" after a word
-- as a signed number and stores it so, while the other spellings store
-- '991'; 500 made a bare number also find the hyphenated form, not the
-- other way round. A number in the query, with or without its hyphen,
-- now finds both. search_query (500) is replaced whole.

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
    -- a number finds the same digits with or without a hyphen before
    -- them: the parser stores "ENG-20691" as 'eng' and '-20691' (a signed
    -- number) but "ENG_20691", "ENG 20691" and "ENG–20691" (en dash) as
    -- 'eng' and '20691', so either form of the query finds both
    IF q::text ~ '''-?[0-9]+''' THEN
        q := regexp_replace(q::text, '''-?([0-9]+)''', '( ''\1'' | ''-\1'' )', 'g')::tsquery;
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
