-- 420_mail_give_up.sql: mail that can never be sent stops being tried,
-- its ticket says so, and the thread behind it goes on.
--   * api_mail_failed (061) retried every failed message for ever, at
--     most an hour apart, and since 380 the later messages of the same
--     ticket to the same address wait behind it: one answer the mail
--     transfer agent would never take (a refused address, a message it
--     cannot carry) held every later answer of that thread back for good,
--     and the ticket still read "mail failed, retrying".
--   * Now a message is given up (state 'failed', failed_at) when the MTA
--     refuses it for good (api_mail_refused: the sendmail command exited
--     with a permanent status, src/mail/sendmail.c), or when it has not
--     been taken within the mail policy's give_up_hours (default 120,
--     five days, the queue lifetime of Exim and Postfix) of being written
--     (api_mail_failed, replaced whole). A given-up answer to the
--     customer is recorded on its ticket as a bounce is (the audit event
--     mail_bounced with cause 'refused' or 'expired', the public reply
--     reads "mail bounced", the author and the assignee are told), and
--     the next messages of its ticket to the same address are due at
--     once.
--   * api_mail_policy_set (360) is replaced whole: a refused value is
--     told what its setting takes (give_up_hours: hours from 1 to 2160).
--   * mail_undelivered() is what api_mail_bounced (200) did inline; that
--     function is replaced whole to call it. It also marks an answer to
--     inbox mail (`inbox ask`, `inbox refuse`) that bounced or was given
--     up, which 200 left unmarked: the inbox says the sender never got it.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE mail_outbox
    DROP CONSTRAINT mail_outbox_state_check,
    ADD CONSTRAINT mail_outbox_state_check CHECK (state IN ('queued', 'sent', 'suppressed', 'failed')),
    ADD COLUMN failed_at timestamptz,
    ADD CONSTRAINT mail_outbox_failed_at CHECK ((state = 'failed') = (failed_at IS NOT NULL));
COMMENT ON TABLE mail_outbox IS
    'Every mail built for sending, fixed when built (Message-ID, threading, text); '
    'queued, sent, suppressed or failed (given up, 420).';

ALTER TABLE mail_policy
    DROP CONSTRAINT mail_policy_key_check,
    ADD CONSTRAINT mail_policy_key_check CHECK (key IN ('from_address', 'from_name', 'reply_to',
                                                        'message_id_domain', 'sender_daily_limit',
                                                        'max_attachment_bytes', 'max_message_bytes',
                                                        'give_up_hours')),
    DROP CONSTRAINT mail_policy_number,
    ADD CONSTRAINT mail_policy_number CHECK (key NOT IN ('sender_daily_limit', 'max_attachment_bytes',
                                                         'max_message_bytes', 'give_up_hours')
                                             OR (value ~ '^[0-9]{1,10}$' AND value::bigint > 0
                                                 AND value::bigint < 1073741824)),
    ADD CONSTRAINT mail_policy_give_up CHECK (key <> 'give_up_hours'
                                              OR (value ~ '^[0-9]{1,4}$' AND value::int BETWEEN 1 AND 2160));
-- a message not taken by the MTA within this many hours of being written
-- is given up (1 to 2160, 90 days)
INSERT INTO mail_policy (key, value) VALUES ('give_up_hours', '120');

-- @function mail_undelivered (sql/functions/mail_out.sql)

-- @function mail_give_up (sql/functions/mail_out.sql)

-- @function api_mail_refused (sql/functions/mail_out.sql)

