-- 370_mail_body_kept.sql: a customer's mail longer than a comment holds
-- (100000 characters) was cut on its ticket without a word, its end lost
-- from the ticket (DESIGN §1.3, "never lose a customer's words"). The
-- mail's whole text stays in mail_inbound.body (and the raw message);
-- the comment now ends, where it is cut, with a line that says so, how
-- long the text is and where to read all of it (`ticketty inbox show ID`
-- shows any stored mail whole, to support staff). The same for held mail
-- put on its ticket as an internal note. mail_thread_onto (062) and
-- api_inbox_note (300) are replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- p_text as a comment's body: whole when it fits in 100000 characters,
-- else cut so that it ends with a line naming the mail's length
-- (p_mail_len, the text of mail p_mail) and where it is kept whole.
CREATE FUNCTION mail_text_fit(p_text text, p_mail_len int, p_mail bigint) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_mark text;
BEGIN
    IF length(p_text) <= 100000 THEN
        RETURN p_text;
    END IF;
    v_mark := format(E'\n\n[cut here: the mail''s text is %s characters long; all of it is kept with inbound mail %s: ticketty inbox show %s]',
                     p_mail_len, p_mail, p_mail);
    RETURN left(p_text, 100000 - length(v_mark)) || v_mark;
END
$$;

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
    v_body := CASE WHEN btrim(m.body, E' \t\r\n') = '' THEN '(' || coalesce(nullif(m.subject, ''), 'no text') || ')'
                   ELSE rtrim(m.body, E' \t\r\n') END;
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
    PERFORM audit(t.id, 'customer_reply', jsonb_build_object(
        'comment', v_comment, 'mail', m.id, 'from', t.status, 'to', v_to));
    IF t.assignee_id IS NOT NULL THEN
        INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload)
        VALUES (t.assignee_id, 'ticket.customer_reply', t.id,
                jsonb_build_object('title', t.title, 'mail', m.id, 'from', m.from_address));
    END IF;
    INSERT INTO mail_threads (ticket_id, root_message_id, last_message_id)
    VALUES (t.id, m.message_id, m.message_id)
    ON CONFLICT (ticket_id) DO UPDATE SET last_message_id = EXCLUDED.last_message_id;
    UPDATE mail_inbound SET state = 'threaded', ticket_id = t.id, comment_id = v_comment
     WHERE id = m.id;
END
$$;

-- Puts held mail p_inbound on its ticket as an internal note by the
-- caller; returns the ticket's id (see 300's header). Support staff only
-- (TT403); TT404 for no such mail; TT409 when it is not held or names no
-- ticket.
CREATE OR REPLACE FUNCTION api_inbox_note(p_inbound bigint) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    m         mail_inbound;
    t         tickets;
    v_comment bigint;
    v_text    text;
    v_body    text;
BEGIN
    PERFORM require_role('engineer', 'csm', 'coo', 'ceo', 'admin');
    SELECT * INTO m FROM mail_inbound WHERE id = p_inbound FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no such inbox mail: %', p_inbound USING ERRCODE = 'TT404';
    ELSIF m.state <> 'held' THEN
        RAISE EXCEPTION 'inbox mail % is already %', p_inbound, m.state USING ERRCODE = 'TT409';
    ELSIF m.ticket_id IS NULL THEN
        RAISE EXCEPTION 'held mail % names no ticket: only a reply in a ticket''s thread can become its note',
            p_inbound USING ERRCODE = 'TT409';
    END IF;
    t := ticket_lock(m.ticket_id, NULL);
    v_text := CASE WHEN btrim(m.body, E' \t\r\n') = '' THEN '(no text)'
                   ELSE rtrim(m.body, E' \t\r\n') END;
    v_body := mail_text_fit(format(E'Mail from %s <%s>, %s:\n\n%s',
                                   coalesce(nullif(m.from_name, ''), m.from_address), m.from_address,
                                   coalesce(nullif(m.subject, ''), '(no subject)'), v_text),
                            length(v_text), m.id);
    v_comment := ticket_add_comment(t.id, 'internal', v_body);
    UPDATE attachments SET ticket_id = t.id, comment_id = v_comment WHERE inbound_id = m.id;
    UPDATE tickets SET version = version + 1, updated_at = tt_now() WHERE id = t.id;
    PERFORM audit(t.id, 'note', jsonb_build_object('comment', v_comment, 'mail', m.id));
    UPDATE mail_inbound
       SET state = 'threaded', hold_reason = NULL, comment_id = v_comment,
           handled_by = current_agent_id(), handled_at = tt_now()
     WHERE id = m.id;
    PERFORM pg_notify('ticketty', json_build_object('inbox', m.id, 'kind', 'mail')::text);
    RETURN t.id;
END
$$;

REVOKE ALL ON FUNCTION mail_text_fit(text, int, bigint) FROM ticketty_agent, PUBLIC;
REVOKE ALL ON FUNCTION mail_thread_onto(mail_inbound, bigint) FROM ticketty_agent, PUBLIC;
GRANT EXECUTE ON FUNCTION api_inbox_note(bigint) TO ticketty_agent;
