-- 080_json_safe.sql: JSON text that is safe on a terminal.
--
-- PostgreSQL's JSON output escapes only U+0000-U+001F; DEL (U+007F), the
-- C1 controls (U+0080-U+009F, which some terminals obey as ESC [ and the
-- like), the bidirectional controls and the line/paragraph separators go
-- out raw. Every `--json` output of ticketty is wrapped in json_safe_text(),
-- which rewrites each of them as a \uXXXX escape: the document decodes to
-- exactly the same values, and holds no raw control character. Outside
-- strings JSON text is ASCII, so a plain replace is exact.

SELECT set_config('search_path', 'ticketty', true);

CREATE FUNCTION json_safe_text(doc text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    c int;
BEGIN
    IF doc !~ '[\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]' THEN
        RETURN doc;   -- the usual case: one regular-expression scan
    END IF;
    FOREACH c IN ARRAY ARRAY(SELECT generate_series(127, 159)
                             UNION ALL SELECT unnest(ARRAY[8206, 8207])
                             UNION ALL SELECT generate_series(8232, 8238)
                             UNION ALL SELECT generate_series(8294, 8297))
    LOOP
        doc := replace(doc, chr(c), '\u' || lpad(to_hex(c), 4, '0'));
    END LOOP;
    RETURN doc;
END
$$;
COMMENT ON FUNCTION json_safe_text(text) IS
    'JSON text with DEL, C1, bidi and line-separator characters written as \uXXXX escapes.';
