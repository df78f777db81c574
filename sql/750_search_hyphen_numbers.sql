-- 750_search_hyphen_numbers.sql: "ADX-991" did not find a ticket that
-- wrote the same reference as "ADX_991", "ADX 991" or "ADX–991" (an en
-- dash, as word processors turn it). The parser reads "-991" after a word
-- as a signed number and stores it so, while the other spellings store
-- '991'; 500 made a bare number also find the hyphenated form, not the
-- other way round. A number in the query, with or without its hyphen,
-- now finds both. search_query (500) is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

