-- 963_search_joined_words.sql: a word written with an apostrophe or
-- hyphens inside is found written joined (DESIGN.md section 11). The
-- parser reads "O'Brien" as the words "O" and "Brien" (the apostrophe a
-- blank) and "Jean-Luc" as 'jean-luc', 'jean' and 'luc', so "obrien"
-- found no O'Brien and "jeanluc" no Jean-Luc. search_words now appends
-- each such word joined (search_joined_words, new: an apostrophe before
-- 3 letters or more, "d'Artagnan", "L'Oréal", not "don't" or
-- "customer's"; letters joined by hyphens, "e-mail"), and search_query
-- looks for a query word's joined form beside the parser's reading.
--
-- The vectors stored before lack the joined words. They are not
-- rewritten here: at ten million tickets that was about half an hour in
-- this one transaction, every message on an old ticket waiting for it.
-- The tickets there are now are listed for search_backfill_step (in
-- sql/functions/search.sql), which `ticketty db migrate` runs after the
-- migrations, a batch of tickets a transaction, each ticket's vectors
-- rebuilt from scratch (search_doc, search_shared_doc); an interrupted
-- run goes on at the next `db migrate`. New tickets and messages get the
-- joined words at once.
--   * search_backfill (new): the one row of the range of ticket ids
--     whose stored vectors are still to be rebuilt. Owner only.

SELECT set_config('search_path', 'ticketty', true);

CREATE TABLE IF NOT EXISTS search_backfill (
    one         boolean PRIMARY KEY DEFAULT true CHECK (one),
    next_ticket bigint NOT NULL,  -- the lowest ticket id still to rebuild
    last_ticket bigint NOT NULL   -- the highest (the newest when it was listed)
);
COMMENT ON TABLE search_backfill IS
    'Tickets whose stored search vectors a migration left to rebuild (search_backfill_step(), db migrate)';
REVOKE ALL ON search_backfill FROM PUBLIC;

INSERT INTO search_backfill (next_ticket, last_ticket)
SELECT 1, coalesce(max(id), 0) FROM tickets
ON CONFLICT (one) DO UPDATE
   SET next_ticket = 1, last_ticket = greatest(search_backfill.last_ticket, EXCLUDED.last_ticket);
