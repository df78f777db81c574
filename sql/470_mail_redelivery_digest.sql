-- 470_mail_redelivery_digest.sql: a redelivered message whose attachment
-- was over max_attachment_bytes was stored a second time (a second
-- customer message on its ticket, or a second inbox item). api_mail_attach
-- (062) appends a line saying so to the stored text, and api_mail_store
-- (390) told a redelivery by comparing the stored text with the new one,
-- which lacks that line, so it took the redelivery for another message
-- reusing the ID. The store now keeps a digest of what it was given
-- (sender, subject, text) and compares that; what is appended later no
-- longer counts. api_mail_store (390) is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- SHA-256 of the sender, subject and text as the message was stored
-- (api_mail_store), before any note was added to the text; NULL for rows
-- stored before this column existed.
ALTER TABLE mail_inbound ADD COLUMN received_digest bytea;

