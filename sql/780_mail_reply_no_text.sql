-- 780_mail_reply_no_text.sql: a customer's reply with neither text nor
-- subject keeps no English words on its ticket.
--   * mail_thread_onto (370) stored "(no text)" as the message made of a
--     reply whose text was blank and whose subject was empty: a Spanish
--     desk read English in the customer's place for good. Now such a
--     message holds a single newline (a comment holds at least one
--     character), as a held mail's note does since 730, and the client
--     says "(no text)" in its reader's language where it shows the
--     message. A blank reply with a subject still holds the subject in
--     parentheses: those are the customer's own words.
--   * The messages stored before: "(no text)" of a reply whose mail had
--     a blank text and no subject becomes the newline.
-- Replaced whole, as sql/README requires: 370's mail_thread_onto.

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

REVOKE ALL ON FUNCTION mail_thread_onto(mail_inbound, bigint) FROM ticketty_agent, PUBLIC;

-- The messages stored before: "(no text)" made of a reply without text
-- or subject becomes the newline mail_thread_onto now stores.
UPDATE comments c
   SET body = E'\n'
  FROM mail_inbound m
 WHERE m.comment_id = c.id AND c.kind = 'customer' AND c.body = '(no text)'
   AND btrim(m.body, E' \t\r\n') = '' AND coalesce(m.subject, '') = '';
