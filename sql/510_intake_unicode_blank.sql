-- 510_intake_unicode_blank.sql: a mandatory field made only of a no-break
-- space (or another Unicode space: U+2000-U+200B, U+202F, U+3000, a BOM)
-- was taken as filled in: a ticket could be filed with a title and a
-- description that read blank. intake_blank (020) trimmed only space,
-- tab, CR and LF; it now trims those too. The client's own check
-- (text_blank_n, util/text.c) agrees. intake_blank (020) is replaced
-- whole; it stays an inlinable SQL function.

SELECT set_config('search_path', 'ticketty', true);

CREATE OR REPLACE FUNCTION intake_blank(v jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT v IS NULL
        OR pg_catalog.jsonb_typeof(v) = 'null'
        OR (pg_catalog.jsonb_typeof(v) = 'string'
            AND pg_catalog.btrim(v #>> '{}', E' \t\r\n\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff') = '')
        OR (pg_catalog.jsonb_typeof(v) = 'array' AND pg_catalog.jsonb_array_length(v) = 0)
$$;
