-- 550_spanish_ticket_one_reply_prefix.sql: the Spanish mail says
-- "ticket", and an answer's subject has one reply prefix.
--   * The Spanish templates customers get said "vale" (resolution,
--     inbox_ask, inbox_refuse_spoc) while the rest of the Spanish
--     interface, and since 210 the mail agents get, say "ticket"
--     (po/es.avoid: "vale: ticket"). They now say "ticket" too; a
--     template an admin has edited is left alone.
--   * An answer to received mail ('Re: {{subject}}': inbox_ask and the
--     refusals) kept the customer's own prefixes: "Re: RE: Blank
--     placements", "Re: Re: Re: ..." down an asked conversation. A subject
--     that starts as an answer now has exactly one, "Re: ", before the
--     bare subject: the reply prefixes mail programs write (Re, AW, SV,
--     Antw, with a count as in "Re[2]:" or "RE(3):", any case, a space
--     before the colon or a full-width colon) go, and so do the forward
--     prefixes after them (Fwd, FW, RV, WG), as the inbox already drops
--     them from a ticket's title. mail_subject_bare and mail_reply_prefix
--     are new internal helpers; mail_queue (440) is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- The Spanish words customers read: "ticket", as everywhere else.
UPDATE mail_templates
   SET body = E'Hola, {{contact}}:\n\nSu solicitud se ha resuelto.\n\n{{message}}\n\nSi el problema persiste, responda a este mensaje y el ticket se reabrirá.\n\n-- \n{{desk}}\n'
 WHERE kind = 'resolution' AND lang = 'es'
   AND body = E'Hola, {{contact}}:\n\nSu solicitud se ha resuelto.\n\n{{message}}\n\nSi el problema persiste, responda a este mensaje y el vale se reabrirá.\n\n-- \n{{desk}}\n';
UPDATE mail_templates
   SET body = E'Hola, {{contact}}:\n\nGracias por su mensaje. Para abrir un ticket necesitamos:\n\n{{missing}}\n\nResponda a este mensaje con estos datos.\n\n-- \n{{desk}}\n'
 WHERE kind = 'inbox_ask' AND lang = 'es'
   AND body = E'Hola, {{contact}}:\n\nGracias por su mensaje. Para abrir un vale necesitamos:\n\n{{missing}}\n\nResponda a este mensaje con estos datos.\n\n-- \n{{desk}}\n';
UPDATE mail_templates
   SET body = E'Hola, {{contact}}:\n\nSolo los contactos que {{customer}} ha autorizado pueden abrir tickets. Pida a {{spoc}} que nos escriba.\n\n-- \n{{desk}}\n'
 WHERE kind = 'inbox_refuse_spoc' AND lang = 'es'
   AND body = E'Hola, {{contact}}:\n\nSolo los contactos que {{customer}} ha autorizado pueden abrir vales. Pida a {{spoc}} que nos escriba.\n\n-- \n{{desk}}\n';

-- A subject that starts as an answer: a reply prefix as mail programs
-- write it in many languages, "Re:", "RE :", "AW:", "SV:", "Antw:",
-- "Re[2]:", "RE(3):", "Re：" (a regular expression, for ~*).
CREATE FUNCTION mail_reply_prefix() RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT '^\s*(re|aw|sv|antw)\s*(\[\d+\]|\(\d+\))?\s*[:\uff1a]'
$$;

-- A subject without the reply and forward prefixes it starts with
-- (any number, any order, any case): "RE: Fwd: re[2]: Blank" is "Blank".
CREATE FUNCTION mail_subject_bare(p_subject text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT btrim(regexp_replace(p_subject,
                 '^\s*((re|aw|sv|antw|fwd?|rv|wg)\s*(\[\d+\]|\(\d+\))?\s*[:\uff1a]\s*)+', '', 'i'))
$$;

REVOKE ALL ON FUNCTION mail_reply_prefix() FROM ticketty_agent, PUBLIC;
REVOKE ALL ON FUNCTION mail_subject_bare(text) FROM ticketty_agent, PUBLIC;

-- 440's mail_queue, whole: an answer's subject has one reply prefix.
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
    -- an answer ('Re: {{subject}}' of a subject that was an answer
    -- already) has one reply prefix: 'Re: ' and the bare subject
    IF v_subj ~* mail_reply_prefix() THEN
        v_subj := rtrim('Re: ' || mail_subject_bare(v_subj));
    END IF;
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
