-- 200_mail_bounces.sql: an answer that never reached the customer says so.
--
-- A reply to an address that does not exist came back as the MTA's
-- delivery report, which `mail receive` held (an automatic sender) and
-- nothing else: the ticket said "mail sent", the engineer believed the
-- customer had the answer, and the SLA clock counted it as given. Now
-- the report (RFC 3464, read by src/mail/dsn.c) is tied to the message
-- it returns: the outbox row records when it bounced and why, the ticket
-- gets an audit event ("mail to ... could not be delivered: 5.1.1 ...")
-- and the public reply reads "mail bounced", the answer's author and the
-- assignee are notified, and the report itself stays held, linked to the
-- ticket. The first report counts; a repeated one changes nothing.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE mail_outbox
    ADD COLUMN bounced_at    timestamptz,
    ADD COLUMN bounce_reason text CHECK (length(bounce_reason) <= 1000);

-- @function api_mail_bounced (sql/functions/mail_out.sql)
