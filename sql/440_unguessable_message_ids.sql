-- 440_unguessable_message_ids.sql: the desk's Message-IDs cannot be
-- guessed.
--   * mail_queue (061) named each message <ticketty.TICKET.N@domain>, N
--     the outbox row: anyone could write the IDs of any ticket's answers.
--     350 stopped strangers from threading onto a ticket with them, but a
--     forged delivery report naming a guessed ID (any sender may write
--     what a report's sender writes) still marked a real answer bounced,
--     told its author and the assignee the customer never got it, and
--     said so on the ticket. Each ID now ends in 64 random bits
--     (<ticketty.TICKET.N.RANDOM@domain>): only the mail's recipients
--     know it. Threading, bounces and the thread's References look IDs up
--     whole, as stored, so mail sent before keeps its IDs and its thread.
--   * mail_queue (061) is replaced whole; only the ID changes.

SELECT set_config('search_path', 'ticketty', true);

-- 061's mail_queue, whole.
-- Builds and queues one message; returns its id, or NULL when there is no
-- usable address. p_thread: continue the ticket's customer thread;
-- p_inbound: the received mail this answers (then the per-address daily
-- limit applies: past it the message is kept as `suppressed`, not sent).
CREATE OR REPLACE FUNCTION mail_queue(p_kind text, p_lang text, p_to_name text, p_to text, p_vars jsonb,
                           p_ticket bigint, p_comment bigint, p_notification bigint,
                           p_inbound bigint, p_thread boolean, p_auto text)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_id     bigint;
    v_tpl    mail_templates;
    v_lang   text := CASE WHEN p_lang IN ('en', 'es') THEN p_lang ELSE 'en' END;
    v_vars   jsonb;
    v_msgid  text;
    v_irt    text;
    v_refs   text[] := '{}';
    v_th     mail_threads;
    v_in     mail_inbound;
    v_subj   text;
    v_state  text := 'queued';
    v_err    text;
    v_limit  int;
BEGIN
    IF p_to IS NULL OR p_to !~ '^[^@\s<>",;]+@[^@\s<>",;]+$' THEN
        RETURN NULL;
    END IF;
    SELECT * INTO v_tpl FROM mail_templates WHERE kind = p_kind AND lang = v_lang;
    IF NOT FOUND THEN
        SELECT * INTO v_tpl FROM mail_templates WHERE kind = p_kind AND lang = 'en';
    END IF;
    IF v_tpl.kind IS NULL THEN
        RAISE EXCEPTION 'no mail template "%"', p_kind USING ERRCODE = 'TT404';
    END IF;
    v_vars := jsonb_build_object('desk', mail_setting('from_name'), 'ticket', p_ticket)
              || coalesce(p_vars, '{}');
    v_id := nextval(pg_get_serial_sequence('ticketty.mail_outbox', 'id'));
    -- the ticket and the row for people reading headers, then 64 random
    -- bits: an ID no one outside the mail's recipients can name
    v_msgid := format('<ticketty.%s.%s.%s@%s>', coalesce(p_ticket, 0), v_id,
                      left(md5(gen_random_uuid()::text), 16), mail_setting('message_id_domain'));

    IF p_thread AND p_ticket IS NOT NULL THEN
        SELECT * INTO v_th FROM mail_threads WHERE ticket_id = p_ticket FOR UPDATE;
        IF FOUND THEN
            v_irt := v_th.last_message_id;
            v_refs := ARRAY[v_th.root_message_id];
            IF v_th.last_message_id <> v_th.root_message_id THEN
                v_refs := v_refs || v_th.last_message_id;
            END IF;
            UPDATE mail_threads SET last_message_id = v_msgid WHERE ticket_id = p_ticket;
        ELSE
            INSERT INTO mail_threads (ticket_id, root_message_id, last_message_id)
            VALUES (p_ticket, v_msgid, v_msgid);
        END IF;
    ELSIF p_inbound IS NOT NULL THEN
        SELECT * INTO v_in FROM mail_inbound WHERE id = p_inbound;
        v_irt := v_in.message_id;
        v_refs := (v_in.refs)[greatest(cardinality(v_in.refs) - 8, 1):] || v_in.message_id;
    END IF;

    v_subj := left(regexp_replace(mail_render(v_tpl.subject, v_vars), '[\r\n\t]+', ' ', 'g'), 400);
    IF p_ticket IS NOT NULL THEN
        v_subj := format('[#%s] %s', p_ticket, v_subj);
    END IF;

    IF p_inbound IS NOT NULL THEN
        v_limit := mail_setting('sender_daily_limit')::int;
        IF (SELECT count(*) FROM mail_outbox o
             WHERE lower(o.to_address) = lower(p_to) AND o.inbound_id IS NOT NULL
               AND o.state <> 'suppressed'
               AND o.created_at > tt_now() - interval '1 day') >= v_limit THEN
            v_state := 'suppressed';
            v_err := format('not sent: %s already got %s answers to mail in 24 hours (the limit)',
                            p_to, v_limit);
        END IF;
    END IF;

    INSERT INTO mail_outbox (id, kind, ticket_id, comment_id, notification_id, inbound_id, lang,
                             to_name, to_address, from_name, from_address, reply_to, subject,
                             body, message_id, in_reply_to, refs, auto_submitted, state, last_error)
    VALUES (v_id, p_kind, p_ticket, p_comment, p_notification, p_inbound, v_lang,
            p_to_name, p_to, mail_setting('from_name'), mail_setting('from_address'),
            mail_setting('reply_to'), v_subj, mail_render(v_tpl.body, v_vars), v_msgid,
            v_irt, v_refs, p_auto, v_state, v_err);
    IF v_state = 'queued' THEN
        PERFORM pg_notify('ticketty_mail', v_id::text);
    END IF;
    RETURN v_id;
END
$$;
