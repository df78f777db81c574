-- 430_inbox_ask_answers.sql: the sender's answer to a request for the
-- missing items of an inbox mail goes on with that mail.
--   * `inbox ask` (api_inbox_ask) mails the sender the mandatory items a
--     mail cannot carry; their answer came back as a new, unrelated inbox
--     mail: the engineer found two mails from the same sender, the asked
--     one stayed "asked for details" for good, and a ticket accepted from
--     the answer lost the first mail's text, screenshots and thread.
--   * Now mail whose In-Reply-To or References names an inbox_ask message,
--     from the address it went to, records the mail it answers
--     (mail_inbound.answers_id). It takes that mail's place in the inbox:
--     the asked mail leaves it (state 'answered'; inbox_lock refuses it,
--     TT400, naming the answer to work on). The intake form of the answer
--     starts from the whole conversation (inbox_prefill: the first mail's
--     title, every mail's text oldest first, the screenshots of all), and
--     accepting it (api_inbox_accept) makes one ticket of all of them: their
--     files on it, its thread from the first mail's Message-ID to the
--     answer's, each mail accepted into it. When a ticket was made of the
--     asked mail meanwhile, the answer threads onto that ticket (the
--     usual checks of the thread apply). A second answer to the same ask
--     goes on from the newest mail of the conversation.
--   * api_mail_route (350), inbox_lock and inbox_prefill (410) and
--     api_inbox_accept (062) are replaced whole.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE mail_inbound
    ADD COLUMN answers_id bigint REFERENCES mail_inbound,
    DROP CONSTRAINT mail_inbound_state_check,
    ADD CONSTRAINT mail_inbound_state_check
        CHECK (state IN ('threaded', 'inbox', 'held', 'accepted', 'asked', 'refused', 'discarded',
                         'answered'));
CREATE INDEX mail_inbound_answers_idx ON mail_inbound (answers_id) WHERE answers_id IS NOT NULL;
COMMENT ON COLUMN mail_inbound.answers_id IS
    'The inbox mail whose request for missing items (api_inbox_ask) this mail answers (430).';

-- @function inbox_conversation (sql/functions/mail_in.sql)

