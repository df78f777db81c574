-- 791_customer_reply_told_first.sql: the customer's reply tells its
-- assignee before its event, as 790's steps do, and the trigger loses
-- the special case that stood in for that order.
--   770 kept the assignee out of ticket_events_notify_collaborators for a
--   'retriage' and a 'customer_reply' event, and for an escalation's
--   hand-over in the same transaction as a re-triage: those steps told
--   the assignee themselves after the event. 790 made the re-triage (and
--   the bounce) write their notifications before the event, so the
--   trigger's general rule (nobody told of the ticket in this transaction
--   is told again) already leaves them out; mail_thread_onto now does the
--   same for ticket.customer_reply, and the special case (a lookup of the
--   assignee and, on every escalation.handed, of a retriage event) goes.
--   Who is told of what is unchanged (tests: db test_notify_step,
--   test_mail reply_told_once_to_an_assignee_who_follows, test_desk).
-- Replaced whole: 780's mail_thread_onto, 770's
-- ticket_events_notify_collaborators.

SELECT set_config('search_path', 'ticketty', true);

-- Puts a customer's mail on its ticket (see 062's header).
CREATE OR REPLACE FUNCTION mail_thread_onto(m mail_inbound, p_ticket bigint) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    t         tickets;
    v_to      ticket_status;
    v_comment bigint;
    v_body    text;
BEGIN
    SELECT * INTO t FROM tickets WHERE id = p_ticket FOR UPDATE;
    v_body := CASE WHEN btrim(m.body, E' \t\r\n') <> '' THEN rtrim(m.body, E' \t\r\n')
                   WHEN btrim(coalesce(m.subject, ''), E' \t\r\n') <> '' THEN '(' || m.subject || ')'
                   ELSE E'\n' END;
    v_body := mail_text_fit(v_body, length(v_body), m.id);
    INSERT INTO comments (ticket_id, author_id, kind, body)
    VALUES (t.id, NULL, 'customer', v_body)
    RETURNING id INTO v_comment;
    UPDATE attachments SET ticket_id = t.id WHERE inbound_id = m.id;
    v_to := CASE WHEN t.status IN ('waiting_customer', 'resolved') THEN 'in_progress'::ticket_status
                 ELSE t.status END;
    UPDATE tickets
       SET status             = v_to,
           resolved_at        = CASE WHEN t.status = 'resolved' THEN NULL ELSE resolved_at END,
           resolution_outcome = CASE WHEN t.status = 'resolved' THEN NULL ELSE resolution_outcome END,
           version            = version + 1,
           updated_at         = tt_now()
     WHERE id = t.id;
    -- the assignee is told first: the event's trigger then leaves them out
    IF t.assignee_id IS NOT NULL THEN
        INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload)
        VALUES (t.assignee_id, 'ticket.customer_reply', t.id,
                jsonb_build_object('title', t.title, 'mail', m.id, 'from', m.from_address));
    END IF;
    PERFORM audit(t.id, 'customer_reply', jsonb_build_object(
        'comment', v_comment, 'mail', m.id, 'from', t.status, 'to', v_to));
    INSERT INTO mail_threads (ticket_id, root_message_id, last_message_id)
    VALUES (t.id, m.message_id, m.message_id)
    ON CONFLICT (ticket_id) DO UPDATE SET last_message_id = EXCLUDED.last_message_id;
    UPDATE mail_inbound SET state = 'threaded', ticket_id = t.id, comment_id = v_comment
     WHERE id = m.id;
END
$$;

REVOKE ALL ON FUNCTION mail_thread_onto(mail_inbound, bigint) FROM ticketty_agent, PUBLIC;

CREATE OR REPLACE FUNCTION ticket_events_notify_collaborators() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_assignee int;
    v_before   int;
BEGIN
    IF NEW.kind IN ('assign', 'ack', 'status', 'resolve', 'close', 'reopen', 'note', 'reply',
                    'escalation.raised', 'escalation.passed_up', 'escalation.acknowledged',
                    'escalation.handed', 'escalation.resolved') THEN
        SELECT t.assignee_id INTO v_assignee FROM tickets t WHERE t.id = NEW.ticket_id;
    END IF;
    -- a take-over or a reassignment: who had the ticket until then
    IF NEW.kind IN ('take', 'assign') AND NEW.details ? 'from' THEN
        SELECT a.id INTO v_before FROM agents a WHERE a.login = NEW.details ->> 'from';
    END IF;
    -- where the step ended: this event takes over what this transaction
    -- told of an earlier status change of the ticket
    IF NEW.kind IN ('ack', 'status', 'resolve', 'close', 'reopen')
       OR (NEW.kind = 'link' AND NEW.details ->> 'kind' = 'duplicate_of') THEN
        UPDATE notifications x
           SET payload = x.payload || jsonb_build_object(
                   'event', NEW.kind, 'event_id', NEW.id,
                   'actor', (SELECT a.login FROM agents a WHERE a.id = NEW.actor_id))
         WHERE x.ticket_id = NEW.ticket_id AND x.kind = 'ticket.changed'
           AND x.created_at = tt_now() AND x.read_at IS NULL
           AND x.xmin = pg_current_xact_id()::xid
           AND x.payload ->> 'event' IN ('ack', 'status', 'resolve', 'close', 'reopen')
           AND x.recipient_agent_id IS DISTINCT FROM NEW.actor_id;
    END IF;
    INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload)
    SELECT r.agent_id, 'ticket.changed', NEW.ticket_id,
           jsonb_build_object('event', NEW.kind, 'event_id', NEW.id,
                              'actor', (SELECT a.login FROM agents a WHERE a.id = NEW.actor_id))
      FROM (SELECT c.agent_id FROM ticket_collaborators c WHERE c.ticket_id = NEW.ticket_id
            UNION
            SELECT v_assignee WHERE v_assignee IS NOT NULL
            UNION
            SELECT v_before WHERE v_before IS NOT NULL) r
      JOIN agents a ON a.id = r.agent_id AND a.active
     WHERE r.agent_id IS DISTINCT FROM NEW.actor_id
       AND NOT EXISTS (SELECT 1 FROM notifications x
                        WHERE x.recipient_agent_id = r.agent_id AND x.ticket_id = NEW.ticket_id
                          AND x.created_at = tt_now() AND x.read_at IS NULL);
    RETURN NULL;
END
$$;

REVOKE ALL ON FUNCTION ticket_events_notify_collaborators() FROM ticketty_agent, PUBLIC;
