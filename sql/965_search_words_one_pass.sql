-- 965_search_words_one_pass.sql: search_words reads a text's hosts and
-- its e-mail addresses in one pass of the parser (ts_parse), where it
-- took one pass for the hosts, URL paths and file names and
-- search_address_words (964) another for the addresses: a contact's
-- address, in every ticket's insert, was parsed three times (with
-- to_tsvector's). The vectors are the same words at the same positions
-- (tests/db/test_search_words_same.c), so none is rebuilt;
-- search_address_words, which only search_words called, is dropped.

SELECT set_config('search_path', 'ticketty', true);

DROP FUNCTION IF EXISTS search_address_words(text);
