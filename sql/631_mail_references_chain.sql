-- 631_mail_references_chain.sql: the desk's mail carries the whole
-- thread in References.
--   * References of a message the desk sent in a ticket's thread named the
--     thread's root and the message it answered, nothing between: the
--     desk's own answers and the customer's earlier mails were missing,
--     and a mail program that threads by References (RFC 5322 3.6.4: the
--     parent's References, then the parent's Message-ID) split the
--     conversation, or hung the desk's answers under the wrong mail.
--   * mail_threads.chain is new: the thread's Message-IDs in order, the
--     customer's and the desk's, the root first and last_message_id last.
--     A trigger keeps it: each new last_message_id (a mail the desk
--     sends, a customer's mail threaded onto the ticket) is appended.
--     The desk's next message in the thread carries it as References.
--   * Very long threads are bounded as mail programs do: the root and the
--     20 most recent Message-IDs (mail_refs_bounded); so is the answer to
--     an inbox mail (its References and Message-ID), which had kept the
--     last nine and dropped the root.
--   * A ticket accepted from the inbox starts its chain with the whole
--     conversation: each mail, the desk's request for the missing items
--     after the mail it asked about, the accepted mail last.
--   * Threads stored before keep what they knew: the root and the latest.
--   * 570's mail_queue and 630's api_inbox_accept are replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- @function mail_refs_bounded (sql/functions/mail_out.sql)

ALTER TABLE mail_threads ADD COLUMN chain text[];
UPDATE mail_threads
   SET chain = CASE WHEN last_message_id = root_message_id THEN ARRAY[root_message_id]
                    ELSE ARRAY[root_message_id, last_message_id] END;
ALTER TABLE mail_threads ALTER COLUMN chain SET NOT NULL;
COMMENT ON COLUMN mail_threads.chain IS
    'The thread''s Message-IDs in order, root first, last_message_id last: the References of the next message (bounded, 631).';

-- @function mail_threads_chain (sql/functions/mail_out.sql)

CREATE TRIGGER mail_threads_chain BEFORE INSERT OR UPDATE ON mail_threads
    FOR EACH ROW EXECUTE FUNCTION mail_threads_chain();

