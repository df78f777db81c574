-- 620_refusal_names_or.sql: a refusal names the contacts to ask as a
-- choice.
--   * "Please ask Ana Gil <ana@x>, Bo Li <bo@x> to write to us" read as if
--     both had to write; the not-SPOC refusal now names them "Ana Gil
--     <ana@x> or Bo Li <bo@x>" ("A, B or C"), in the contact's language
--     (es "o", "u" before a word that sounds o: "Ana u Olga").
--     names_or(names, lang) is new; 390's api_inbox_refuse is replaced
--     whole. The agent's preview (api_inbox_refusal_names) keeps its list.

SELECT set_config('search_path', 'ticketty', true);

-- @function names_or (sql/functions/mail_in.sql)

