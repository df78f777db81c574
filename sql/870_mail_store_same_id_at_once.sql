-- 870_mail_store_same_id_at_once.sql: two different messages under one
-- Message-ID, stored at the same time (two MTA deliveries running side
-- by side), lost the second. Its INSERT waited for the first one's row,
-- found the ID taken and returned NULL, which mail receive reads as a
-- redelivery: exit 0, "already stored", and the second message, another
-- text, was in no table. Whether the ID was taken by another message is
-- now asked again once the INSERT finds it taken (a new statement sees
-- the row that was committed meanwhile): another message's, this one is
-- stored under its own ID as 470 does when the other was there first;
-- the same message's (one redelivery run twice at once), NULL as before.
-- And a redelivery of the very bytes stored is one whatever the digest
-- says: the digest is of what the parser made of the mail, and a parser
-- that reads it differently since (an upgrade of ticketty) made it a
-- second message. api_mail_store (470) is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

