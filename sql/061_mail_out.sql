-- 061_mail_out.sql: building outgoing mail and handing it to the sender.
--
-- A message is built once, in the transaction of the event that causes it,
-- by mail_queue(): template (kind x the recipient's language), text,
-- Message-ID <ticketty.TICKET.ID@domain>, In-Reply-To/References from the
-- ticket's thread, [#TICKET] in the subject, From/Reply-To from mail_policy.
-- Rows come from two triggers, so no api_* function had to change:
--   * ticket_events: an audit event that carries a public comment (ack,
--     reply, resolve) mails it to the requesting contact as the next message
--     of the ticket's thread: acknowledgement, reply, request for
--     information (a reply while waiting on the customer) or resolution; on
--     an emergency ticket the CSM and account representative get a copy;
--   * notifications: an emergency notice (to the CSM and the account
--     representative), and any notification of an agent who asked for mail.
-- `ticketty mail send` (an admin agent) claims due rows with a lease
-- (api_mail_claim), pipes each to sendmail and reports api_mail_sent or
-- api_mail_failed (retry with backoff: 1, 2, 4 ... minutes, at most an hour).
-- A crash between the MTA taking a message and mail_sent can at worst hand
-- the same Message-ID over twice after the lease; nothing is ever lost.

SELECT set_config('search_path', 'ticketty', true);

-- @function mail_render (sql/functions/mail_out.sql)

-- @function mail_queue (sql/functions/mail_out.sql)

-- ------------------------------------------------------------ triggers --

-- @function ticket_events_mail (sql/functions/mail_out.sql)
CREATE TRIGGER ticket_events_mail
    AFTER INSERT ON ticket_events
    FOR EACH ROW EXECUTE FUNCTION ticket_events_mail();

-- @function notifications_mail (sql/functions/mail_out.sql)
CREATE TRIGGER notifications_mail
    AFTER INSERT ON notifications
    FOR EACH ROW EXECUTE FUNCTION notifications_mail();

-- ----------------------------------------------------------------- API --

-- @function api_mail_claim (sql/functions/mail_out.sql)

-- @function api_mail_sent (sql/functions/mail_out.sql)

-- @function api_mail_template_set (sql/functions/mail_out.sql)

-- @function api_mail_policy_set (sql/functions/mail_out.sql)

-- @function api_mail_notifications (sql/functions/mail_out.sql)

