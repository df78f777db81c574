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

-- Fills {{name}} placeholders in one pass (a value that itself contains
-- {{...}} is not expanded again); unknown names become empty.
CREATE FUNCTION mail_render(p_text text, p_vars jsonb) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_out  text := '';
    v_rest text := p_text;
    i      int;
    j      int;
    k      text;
BEGIN
    LOOP
        i := strpos(v_rest, '{{');
        EXIT WHEN i = 0;
        j := strpos(substr(v_rest, i + 2), '}}');
        EXIT WHEN j = 0;
        k := substr(v_rest, i + 2, j - 1);
        IF k ~ '^[a-z_]+$' THEN
            v_out := v_out || substr(v_rest, 1, i - 1) || coalesce(p_vars ->> k, '');
            v_rest := substr(v_rest, i + j + 3);
        ELSE
            v_out := v_out || substr(v_rest, 1, i + 1);
            v_rest := substr(v_rest, i + 2);
        END IF;
    END LOOP;
    RETURN v_out || v_rest;
END
$$;

-- Builds and queues one message; returns its id, or NULL when there is no
-- usable address. p_thread: continue the ticket's customer thread;
-- p_inbound: the received mail this answers (then the per-address daily
-- limit applies: past it the message is kept as `suppressed`, not sent).
CREATE FUNCTION mail_queue(p_kind text, p_lang text, p_to_name text, p_to text, p_vars jsonb,
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
    v_msgid := format('<ticketty.%s.%s@%s>', coalesce(p_ticket, 0), v_id,
                      mail_setting('message_id_domain'));

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

-- ------------------------------------------------------------ triggers --

-- A public message on a ticket goes to its requesting contact (and, on an
-- emergency ticket, a copy to the CSM and the account representative).
CREATE FUNCTION ticket_events_mail() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    c    comments;
    t    tickets;
    ct   contacts;
    cu   customers;
    v_kind text;
    v_vars jsonb;
    v_csm  agents;
BEGIN
    IF NEW.kind NOT IN ('ack', 'reply', 'resolve', 'status') OR NOT (NEW.details ? 'comment') THEN
        RETURN NULL;
    END IF;
    SELECT * INTO c FROM comments WHERE id = (NEW.details ->> 'comment')::bigint;
    IF c.kind IS DISTINCT FROM 'public' THEN
        RETURN NULL;
    END IF;
    SELECT * INTO t FROM tickets WHERE id = NEW.ticket_id;
    SELECT * INTO ct FROM contacts WHERE id = t.contact_id;
    SELECT * INTO cu FROM customers WHERE id = t.customer_id;
    v_kind := CASE NEW.kind WHEN 'ack' THEN 'acknowledgement'
                            WHEN 'resolve' THEN 'resolution'
                            ELSE CASE WHEN t.status = 'waiting_customer' THEN 'request_info'
                                      ELSE 'reply' END END;
    v_vars := jsonb_build_object('title', t.title, 'contact', ct.name, 'customer', cu.name,
                                 'message', c.body, 'phone', coalesce(t.phone, ''),
                                 'agent', (SELECT a.display_name FROM agents a WHERE a.id = c.author_id));
    PERFORM mail_queue(v_kind, ct.lang, ct.name, ct.email, v_vars, t.id, c.id, NULL, NULL, true, NULL);
    IF (SELECT s.emergency FROM severities s WHERE s.level = t.severity) THEN
        SELECT * INTO v_csm FROM agents WHERE id = cu.csm_id AND active;
        PERFORM mail_queue('emergency_update', 'en', v_csm.display_name, v_csm.email, v_vars,
                           t.id, c.id, NULL, NULL, false, 'auto-generated');
        PERFORM mail_queue('emergency_update', 'en', cu.account_rep_name, cu.account_rep_email,
                           v_vars, t.id, c.id, NULL, NULL, false, 'auto-generated');
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER ticket_events_mail
    AFTER INSERT ON ticket_events
    FOR EACH ROW EXECUTE FUNCTION ticket_events_mail();

-- Emergency notices by mail, and every notification of an agent who asked
-- for mail (agent_mail_prefs).
CREATE FUNCTION notifications_mail() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    a    agents;
    t    tickets;
    v_vars jsonb;
BEGIN
    SELECT * INTO a FROM agents WHERE id = NEW.recipient_agent_id AND active;
    SELECT * INTO t FROM tickets WHERE id = NEW.ticket_id;
    v_vars := jsonb_build_object('title', coalesce(t.title, NEW.payload ->> 'title', ''),
                                 'customer', coalesce(NEW.payload ->> 'customer',
                                     (SELECT cu.name FROM customers cu WHERE cu.id = t.customer_id), ''),
                                 'phone', coalesce(t.phone, NEW.payload ->> 'phone', ''),
                                 'event', NEW.kind);
    IF NEW.kind = 'emergency' THEN
        PERFORM mail_queue('emergency', 'en',
                           coalesce(a.display_name,
                                    (SELECT cu.account_rep_name FROM customers cu WHERE cu.id = t.customer_id)),
                           coalesce(a.email, NEW.recipient_email), v_vars, NEW.ticket_id, NULL,
                           NEW.id, NULL, false, 'auto-generated');
    ELSIF a.id IS NOT NULL AND EXISTS (SELECT 1 FROM agent_mail_prefs p WHERE p.agent_id = a.id) THEN
        PERFORM mail_queue('notification', 'en', a.display_name, a.email, v_vars, NEW.ticket_id,
                           NULL, NEW.id, NULL, false, 'auto-generated');
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER notifications_mail
    AFTER INSERT ON notifications
    FOR EACH ROW EXECUTE FUNCTION notifications_mail();

-- ----------------------------------------------------------------- API --

-- Claims up to max_rows due messages for delivery (admin only): each gets
-- one more attempt and a lease of lease_seconds during which no other
-- sender takes it. Concurrent senders never claim the same row.
CREATE FUNCTION api_mail_claim(max_rows int DEFAULT 100, lease_seconds int DEFAULT 300)
    RETURNS SETOF mail_outbox
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM require_role('admin');
    RETURN QUERY
    UPDATE mail_outbox o
       SET attempts = o.attempts + 1,
           next_attempt_at = tt_now() + make_interval(secs => greatest(coalesce(lease_seconds, 300), 1))
     WHERE o.id IN (SELECT d.id FROM mail_outbox d
                     WHERE d.state = 'queued' AND d.next_attempt_at <= tt_now()
                     ORDER BY d.next_attempt_at, d.id
                     LIMIT greatest(coalesce(max_rows, 100), 1)
                       FOR UPDATE SKIP LOCKED)
    RETURNING o.*;
END
$$;

-- The MTA took the message (admin only).
CREATE FUNCTION api_mail_sent(p_id bigint) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM require_role('admin');
    UPDATE mail_outbox SET state = 'sent', sent_at = tt_now(), last_error = NULL
     WHERE id = p_id AND state = 'queued';
END
$$;

-- The MTA refused or failed: retried after 1, 2, 4 ... minutes (at most
-- one hour between attempts), the error kept for `mail status`.
CREATE FUNCTION api_mail_failed(p_id bigint, p_error text) RETURNS timestamptz
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_next timestamptz;
BEGIN
    PERFORM require_role('admin');
    UPDATE mail_outbox
       SET next_attempt_at = tt_now() + least(interval '1 minute' * power(2, least(attempts - 1, 10)),
                                              interval '1 hour'),
           last_error = left(coalesce(p_error, 'unknown error'), 1000)
     WHERE id = p_id AND state = 'queued'
    RETURNING next_attempt_at INTO v_next;
    RETURN v_next;
END
$$;

-- Sets a template (admin only). Unknown kind or language: TT400.
CREATE FUNCTION api_mail_template_set(p_kind text, p_lang text, p_subject text, p_body text)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
BEGIN
    PERFORM require_role('admin');
    IF p_kind IS NULL OR NOT EXISTS (SELECT 1 FROM mail_templates WHERE kind = p_kind) THEN
        v_problems := v_problems || format(E'kind\tunknown\tthere is no template kind "%s"', p_kind);
    END IF;
    IF p_lang IS NULL OR p_lang NOT IN ('en', 'es') THEN
        v_problems := v_problems || format(E'lang\tunknown\tthe language must be en or es, not "%s"', p_lang);
    END IF;
    IF p_subject IS NULL OR btrim(p_subject) = '' THEN
        v_problems := v_problems || E'subject\trequired\tis required'::text;
    ELSIF length(p_subject) > 500 THEN
        v_problems := v_problems || E'subject\ttoo_long\tis longer than 500 characters'::text;
    END IF;
    IF p_body IS NULL OR btrim(p_body) = '' THEN
        v_problems := v_problems || E'body\trequired\tis required'::text;
    ELSIF length(p_body) > 100000 THEN
        v_problems := v_problems || E'body\ttoo_long\tis longer than 100000 characters'::text;
    END IF;
    IF cardinality(v_problems) > 0 THEN
        RAISE EXCEPTION 'the template was refused' USING ERRCODE = 'TT400',
            DETAIL = array_to_string(v_problems, E'\n');
    END IF;
    INSERT INTO mail_templates (kind, lang, subject, body) VALUES (p_kind, p_lang, p_subject, p_body)
    ON CONFLICT (kind, lang) DO UPDATE SET subject = EXCLUDED.subject, body = EXCLUDED.body;
END
$$;

-- Sets one mail policy value (admin only); a bad key or value: TT400.
CREATE FUNCTION api_mail_policy_set(p_key text, p_value text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM require_role('admin');
    IF p_key IS NULL OR NOT EXISTS (SELECT 1 FROM mail_policy WHERE key = p_key) THEN
        RAISE EXCEPTION 'unknown mail setting "%"', p_key USING ERRCODE = 'TT400',
            DETAIL = format(E'key\tunknown\tthere is no mail setting "%s"', p_key);
    END IF;
    BEGIN
        UPDATE mail_policy SET value = btrim(p_value) WHERE key = p_key;
    EXCEPTION WHEN check_violation OR not_null_violation THEN
        RAISE EXCEPTION 'the value of % is not valid', p_key USING ERRCODE = 'TT400',
            DETAIL = format(E'value\tinvalid\t"%s" is not a valid %s', p_value, p_key);
    END;
END
$$;

-- The calling agent gets (or stops getting) their notifications by mail.
CREATE FUNCTION api_mail_notifications(p_on boolean) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_me int := current_agent_id();
BEGIN
    IF p_on THEN
        IF (SELECT a.email FROM agents a WHERE a.id = v_me) IS NULL THEN
            RAISE EXCEPTION 'you have no e-mail address' USING ERRCODE = 'TT400',
                DETAIL = E'email\trequired\tan administrator must set your e-mail address first';
        END IF;
        INSERT INTO agent_mail_prefs (agent_id) VALUES (v_me) ON CONFLICT DO NOTHING;
    ELSE
        DELETE FROM agent_mail_prefs WHERE agent_id = v_me;
    END IF;
END
$$;

REVOKE ALL ON FUNCTION mail_render(text, jsonb) FROM ticketty_agent, PUBLIC;
REVOKE ALL ON FUNCTION mail_queue(text, text, text, text, jsonb, bigint, bigint, bigint, bigint,
                                  boolean, text) FROM ticketty_agent, PUBLIC;
REVOKE ALL ON FUNCTION ticket_events_mail() FROM ticketty_agent, PUBLIC;
REVOKE ALL ON FUNCTION notifications_mail() FROM ticketty_agent, PUBLIC;
