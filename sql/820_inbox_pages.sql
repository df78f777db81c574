-- 820_inbox_pages.sql: the inbox's two lists are read a page at a time
-- (model/inbox_page.c): by keyset on (received_at, id), oldest first, and
-- filtered by a piece of the sender or the subject. Until now the client
-- read the first 500 rows and no more, so that once 500 mails were held
-- (unknown senders' spam) the newer ones could not be reached.
--   * mail_inbound_held_idx (new): held mail in its list's order, as 060's
--     mail_inbound_inbox_idx serves the open mail (inbox, asked): a page
--     and its bounded count walk the index, whatever else the table holds.
--   * mail_inbound_text_trgm_idx (new): the trigrams of the text the
--     filter searches (the sender's name, address and the subject, lower
--     case, one per line so that no piece spans two of them); the model's
--     filter writes the same expression, so a rare piece is found through
--     the index instead of by walking every mail of the list.
--   * mail_inbound_text_stats (new): statistics of that expression over
--     the whole table. The planner reads none from a partial index, and
--     without them it takes every piece for a rare one: a piece that most
--     mail has ("re:", a spammer's domain) would then be looked up in the
--     trigram index, every matching mail read and sorted for a page of
--     them, where walking the list's order finds a page at once.

SELECT set_config('search_path', 'ticketty', true);

CREATE INDEX mail_inbound_held_idx ON mail_inbound (received_at, id)
    WHERE state = 'held';

CREATE INDEX mail_inbound_text_trgm_idx ON mail_inbound
    USING gin (lower(coalesce(from_name, '') || E'\n' || coalesce(from_address, '') || E'\n' || subject)
               gin_trgm_ops)
    WHERE state IN ('inbox', 'asked', 'held');

CREATE STATISTICS mail_inbound_text_stats
    ON (lower(coalesce(from_name, '') || E'\n' || coalesce(from_address, '') || E'\n' || subject))
    FROM mail_inbound;
