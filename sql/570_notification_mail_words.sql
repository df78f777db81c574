-- 570_notification_mail_words.sql: an agent's notification by mail says
-- who did what, in the words of the notification in ticketty.
--   * A ticket.changed notification (540: the followers and the assignee
--     hear of an event on their ticket) was mailed as "ticket changed"
--     ("ticket modificado") while ticketty said "Ana Gil assigned the
--     ticket to you". Those words are the client's (the timeline's wording
--     of the event, src/model/notify_words.c, in the agent's language), so
--     the mail sender says them: before it first hands such a message to
--     the MTA it works out the words of the notification behind it, in the
--     mail's language, and api_mail_notification_words builds the
--     message's subject and body again from the template with them as
--     {{event}}. A message is still built before it is sent and never
--     after: only one not yet tried (attempts 1, the claim that holds it)
--     is built again, so a retry sends the text the first attempt did. A
--     sender that does not say the words leaves the words queued, as
--     before. Other kinds keep their words ("customer replied": what was
--     said follows in {{message}}).
--   * notification_mail_vars and mail_subject_built are the one way to
--     get a notification's variables and a subject line, shared by the
--     queue and the new build; notifications_mail (260) and mail_queue
--     (550) are replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- The variables a notification's mail is built with (mail_queue adds desk
-- and ticket), {{event}} being p_event.
CREATE FUNCTION notification_mail_vars(n notifications, p_event text) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    t      tickets;
    v_said text;
BEGIN
    SELECT * INTO t FROM tickets WHERE id = n.ticket_id;
    -- what was said: the customer's reply (the comment mail_thread_onto
    -- has just written), else the step's reason or note
    IF n.kind = 'ticket.customer_reply' THEN
        SELECT c.body INTO v_said FROM comments c
         WHERE c.ticket_id = n.ticket_id AND c.kind = 'customer'
         ORDER BY c.id DESC LIMIT 1;
    END IF;
    v_said := btrim(coalesce(v_said, n.payload ->> 'reason', n.payload ->> 'note', ''), E' \t\r\n');
    RETURN jsonb_build_object('title', coalesce(t.title, n.payload ->> 'title', ''),
                              'customer', coalesce(n.payload ->> 'customer',
                                  (SELECT cu.name FROM customers cu WHERE cu.id = t.customer_id), ''),
                              'phone', coalesce(t.phone, n.payload ->> 'phone', ''),
                              'event', p_event,
                              'message', CASE WHEN v_said = '' THEN ''
                                              ELSE left(v_said, 20000) || E'\n\n' END);
END
$$;

-- A message's subject line from its template's subject: one line of at
-- most 400 characters, an answer with one reply prefix ('Re: ' and the
-- bare subject), the ticket's [#ID] in front.
CREATE FUNCTION mail_subject_built(p_subject text, p_vars jsonb, p_ticket bigint) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_subj text := left(regexp_replace(mail_render(p_subject, p_vars), '[\r\n\t]+', ' ', 'g'), 400);
BEGIN
    IF v_subj ~* mail_reply_prefix() THEN
        v_subj := rtrim('Re: ' || mail_subject_bare(v_subj));
    END IF;
    IF p_ticket IS NOT NULL THEN
        v_subj := format('[#%s] %s', p_ticket, v_subj);
    END IF;
    RETURN v_subj;
END
$$;

-- 550's mail_queue, whole: its subject by mail_subject_built.
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

    v_subj := mail_subject_built(v_tpl.subject, v_vars, p_ticket);

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

-- 260's notifications_mail, whole: its variables by notification_mail_vars.
-- An emergency notice (to the CSM, else the account representative) and
-- every notification of an agent who asked for mail, in the agent's language.
CREATE OR REPLACE FUNCTION notifications_mail() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    a    agents;
    t    tickets;
    v_lang text;
    v_vars jsonb;
BEGIN
    SELECT * INTO a FROM agents WHERE id = NEW.recipient_agent_id AND active;
    SELECT * INTO t FROM tickets WHERE id = NEW.ticket_id;
    -- an agent's own language; the account representative's (no agent)
    -- for its emergency notice
    v_lang := coalesce(a.lang, CASE WHEN NEW.kind = 'emergency' THEN
                                   (SELECT cu.account_rep_lang FROM customers cu WHERE cu.id = t.customer_id) END,
                       'en');
    v_vars := notification_mail_vars(NEW, notification_words(NEW.kind, v_lang));
    IF NEW.kind = 'emergency' THEN
        PERFORM mail_queue('emergency', v_lang,
                           coalesce(a.display_name,
                                    (SELECT cu.account_rep_name FROM customers cu WHERE cu.id = t.customer_id)),
                           coalesce(a.email, NEW.recipient_email), v_vars, NEW.ticket_id, NULL,
                           NEW.id, NULL, false, 'auto-generated');
    ELSIF a.id IS NOT NULL AND EXISTS (SELECT 1 FROM agent_mail_prefs p WHERE p.agent_id = a.id) THEN
        PERFORM mail_queue('notification', v_lang, a.display_name, a.email, v_vars, NEW.ticket_id,
                           NULL, NEW.id, NULL, false, 'auto-generated');
    END IF;
    RETURN NULL;
END
$$;

-- The mail sender (admin only) gives the words of the ticket.changed
-- notification behind message p_id, in the message's language: the
-- message, claimed and not yet tried, is built again from its template
-- with them as {{event}}. Any other message, or one tried before, is left
-- as it was built. Returns the message's subject and body as they go out.
CREATE FUNCTION api_mail_notification_words(p_id bigint, p_words text)
    RETURNS TABLE (subject text, body text)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    o     mail_outbox;
    n     notifications;
    v_tpl mail_templates;
    v_words text := btrim(regexp_replace(left(coalesce(p_words, ''), 2000), '[[:cntrl:]]+', ' ', 'g'));
    v_vars  jsonb;
BEGIN
    PERFORM require_role('admin');
    SELECT * INTO o FROM mail_outbox m WHERE m.id = p_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'message % not found', p_id USING ERRCODE = 'TT404';
    END IF;
    SELECT * INTO n FROM notifications x WHERE x.id = o.notification_id;
    IF o.kind = 'notification' AND o.state = 'queued' AND o.attempts <= 1
       AND n.kind = 'ticket.changed' AND v_words <> '' THEN
        SELECT * INTO v_tpl FROM mail_templates x WHERE x.kind = 'notification' AND x.lang = o.lang;
        IF NOT FOUND THEN
            SELECT * INTO v_tpl FROM mail_templates x WHERE x.kind = 'notification' AND x.lang = 'en';
        END IF;
        v_vars := jsonb_build_object('desk', mail_setting('from_name'), 'ticket', o.ticket_id)
                  || notification_mail_vars(n, v_words);
        UPDATE mail_outbox m
           SET subject = mail_subject_built(v_tpl.subject, v_vars, o.ticket_id),
               body = mail_render(v_tpl.body, v_vars)
         WHERE m.id = o.id
        RETURNING * INTO o;
    END IF;
    RETURN QUERY SELECT o.subject, o.body;
END
$$;

REVOKE ALL ON FUNCTION
    notification_mail_vars(notifications, text),
    mail_subject_built(text, jsonb, bigint),
    api_mail_notification_words(bigint, text)
FROM ticketty_agent, PUBLIC;
GRANT EXECUTE ON FUNCTION api_mail_notification_words(bigint, text) TO ticketty_agent;
