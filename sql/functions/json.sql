-- sql/functions/json.sql: JSON that is safe to print (json_safe_text).
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- json_safe_text
-- JSON text that is safe to print (see its COMMENT below): DEL and the C1
-- controls, the bidi marks (U+061C, U+200E/F), embeddings, overrides and
-- isolates, the line and paragraph separators and the byte-order mark
-- written as \uXXXX escapes: text_unsafe_chars() less C0, which JSON
-- escapes already; the usual text takes one regular-expression scan.
CREATE OR REPLACE FUNCTION json_safe_text(doc text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    c int;
BEGIN
    IF doc !~ '[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]' THEN
        RETURN doc;   -- the usual case: one regular-expression scan
    END IF;
    FOREACH c IN ARRAY ARRAY(SELECT generate_series(127, 159)
                             UNION ALL SELECT unnest(ARRAY[1564, 8206, 8207, 65279])
                             UNION ALL SELECT generate_series(8232, 8238)
                             UNION ALL SELECT generate_series(8294, 8297))
    LOOP
        doc := replace(doc, chr(c), '\u' || lpad(to_hex(c), 4, '0'));
    END LOOP;
    RETURN doc;
END
$$;
COMMENT ON FUNCTION json_safe_text(text) IS
    'JSON text with DEL, C1, bidi, line-separator and byte-order-mark characters written as \uXXXX escapes.';
