-- 964_search_address_words.sql: an e-mail address or a host with a port
-- in a ticket's text, its messages or its contact is found by its parts
-- (DESIGN.md section 11). The parser keeps "billing@acme-corp.example"
-- and "acme-corp.example:8080" whole (one word each, an email and a host
-- token), so the domain "acme-corp.example", the local part "ana.lopez"
-- and the words "acme" or "billing" of an address written in a message
-- found nothing. search_words now appends an address's local part,
-- domain and their words, and a host without its port
-- (search_address_words, new).
--
-- The vectors stored before lack those words: every ticket there is now
-- is listed again for search_backfill_step (963), which rebuilds its
-- vectors from scratch in batches after the migrations (`ticketty db
-- migrate`), not in this transaction.

SELECT set_config('search_path', 'ticketty', true);

INSERT INTO search_backfill (next_ticket, last_ticket)
SELECT 1, coalesce(max(id), 0) FROM tickets
ON CONFLICT (one) DO UPDATE
   SET next_ticket = 1, last_ticket = greatest(search_backfill.last_ticket, EXCLUDED.last_ticket);
