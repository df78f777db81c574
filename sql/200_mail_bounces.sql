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

-- Records that the message p_message_id of ours could not be delivered
-- (the mail bot, an admin, calls it for the report p_inbound it stored);
-- returns the message's ticket, NULL when the message is not ours or
-- belongs to no ticket.
CREATE FUNCTION api_mail_bounced(p_inbound bigint, p_message_id text, p_recipient text,
                                 p_status text, p_reason text) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    o        mail_outbox;
    t        tickets;
    v_reason text;
BEGIN
    PERFORM require_role('admin');
    -- 'queued' too: a local MTA that delivers at once can return the
    -- report before `mail send` has recorded the message as sent
    SELECT * INTO o FROM mail_outbox WHERE message_id = p_message_id AND state <> 'suppressed' FOR UPDATE;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    v_reason := left(concat_ws(' ', nullif(btrim(p_status), ''), nullif(btrim(p_reason), '')), 1000);
    IF o.bounced_at IS NOT NULL OR o.ticket_id IS NULL THEN
        UPDATE mail_inbound SET ticket_id = o.ticket_id WHERE id = p_inbound;
        RETURN o.ticket_id;
    END IF;
    UPDATE mail_outbox SET bounced_at = tt_now(), bounce_reason = nullif(v_reason, '') WHERE id = o.id;
    UPDATE mail_inbound SET ticket_id = o.ticket_id WHERE id = p_inbound;
    SELECT * INTO t FROM tickets WHERE id = o.ticket_id;
    PERFORM audit(t.id, 'mail_bounced',
                  jsonb_build_object('to', coalesce(nullif(btrim(p_recipient), ''), o.to_address),
                                     'reason', nullif(v_reason, ''), 'mail', o.id,
                                     'comment', o.comment_id, 'report', p_inbound));
    INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload)
    SELECT DISTINCT w.agent, 'ticket.mail_bounced', t.id,
           jsonb_build_object('title', t.title, 'to', o.to_address, 'reason', nullif(v_reason, ''))
      FROM (SELECT t.assignee_id AS agent
            UNION ALL
            SELECT c.author_id FROM comments c WHERE c.id = o.comment_id) w
     WHERE w.agent IS NOT NULL;
    RETURN t.id;
END
$$;
