-- 985_mail_digest_of_the_message.sql: one mail delivered by two routes
-- was stored twice, and a reply landed twice on its ticket. Exim's pipe
-- transport writes an mbox line "From sender date" before the message
-- and a line end after it (message_prefix, message_suffix, on by
-- default); a plain pipe, fetchmail or an admin feeding it again from a
-- Maildir does not, and a saved .eml may have CRLF line ends. So the
-- two deliveries' bytes differed (the same bytes, 870, did not hold),
-- the text the parser read ended in one more line end, so the digest
-- (470) differed too, and a mail without a Message-ID was known by the
-- SHA-256 of bytes that differed: the redelivery was taken for another
-- message under the same ID. api_mail_store now compares the message
-- itself (mail_message_bytes: no mbox first line, LF line ends, no line
-- end at the end) and digests the text without the blanks at its end
-- (mail_received_digest); the raw message is still kept as it came.
--   The digests stored before are made again the new way, so that a
-- redelivery by another route of a mail stored before this is one too:
-- exactly, only where the stored digest is still that of the stored
-- sender, subject and text (the text is not changed after the store
-- since 632; a row whose digest is not so is left as it is). A mail
-- without a Message-ID is known by its new made-up ID (the SHA-256 of
-- the message itself) where its old one is still that of its raw bytes,
-- unless another mail holds that ID already (a copy by another route,
-- stored twice before this: the older one takes it, the other is left).
-- A message stored under an ID of its own (a reused Message-ID) keeps
-- it: api_mail_store finds it by the old ID too.

SELECT set_config('search_path', 'ticketty', true);

-- @function mail_received_digest (sql/functions/mail_in.sql)
-- @function mail_message_bytes (sql/functions/mail_in.sql)

UPDATE mail_inbound
   SET received_digest = mail_received_digest(from_address, subject, body)
 WHERE received_digest = sha256(convert_to(concat_ws(E'\n', coalesce(from_address, ''), subject, body), 'UTF8'))
   AND received_digest <> mail_received_digest(from_address, subject, body);

WITH n AS (
    SELECT id, format('<%s@ticketty.no-message-id>', encode(sha256(mail_message_bytes(raw)), 'hex')) AS new_id
      FROM mail_inbound
     WHERE message_id LIKE '%@ticketty.no-message-id>'
       AND message_id = format('<%s@ticketty.no-message-id>', encode(sha256(raw), 'hex'))
), first AS (
    SELECT DISTINCT ON (new_id) id, new_id FROM n ORDER BY new_id, id
)
UPDATE mail_inbound m
   SET message_id = f.new_id
  FROM first f
 WHERE m.id = f.id AND m.message_id <> f.new_id
   AND NOT EXISTS (SELECT 1 FROM mail_inbound o WHERE o.message_id = f.new_id);
