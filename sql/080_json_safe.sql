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

-- @function json_safe_text (sql/functions/json.sql)

