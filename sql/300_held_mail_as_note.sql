-- 300_held_mail_as_note.sql: a held mail that names a ticket becomes that
-- ticket's internal note, by support staff's hand (`inbox note ID`, `N` in
-- the inbox's held list). Since 270 a reply to a copy the desk sent its
-- own people (a CSM's or the account representative's answer to an
-- emergency update) is held, never threaded as the customer's word; what
-- it says may still matter to whoever works the ticket. The note says
-- who wrote the mail and its subject, then its text; the mail's files go with it
-- (internal files, 240); the mail becomes 'threaded' with that note and
-- is audited on the ticket as a note with the mail's id. Held mail that
-- names no ticket (an automatic reply, a stranger) stays held.

SELECT set_config('search_path', 'ticketty', true);

-- Puts held mail p_inbound on its ticket as an internal note by the
-- caller; returns the ticket's id. Support staff only (TT403); TT404 for
-- no such mail; TT409 when it is not held or names no ticket.
CREATE FUNCTION api_inbox_note(p_inbound bigint) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    m         mail_inbound;
    t         tickets;
    v_comment bigint;
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
    v_body := left(format(E'Mail from %s <%s>, %s:\n\n%s',
                          coalesce(nullif(m.from_name, ''), m.from_address), m.from_address,
                          coalesce(nullif(m.subject, ''), '(no subject)'),
                          CASE WHEN btrim(m.body, E' \t\r\n') = '' THEN '(no text)'
                               ELSE rtrim(m.body, E' \t\r\n') END), 100000);
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

GRANT EXECUTE ON FUNCTION api_inbox_note(bigint) TO ticketty_agent;
