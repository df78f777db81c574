-- sql/functions/mail_out.sql: mail to customers and agents: building,
-- queueing, sending, bounces, templates.
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- mail_render
-- Fills {{name}} placeholders in one pass (a value that itself contains
-- {{...}} is not expanded again); unknown names become empty.
CREATE OR REPLACE FUNCTION mail_render(p_text text, p_vars jsonb) RETURNS text
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
REVOKE ALL ON FUNCTION mail_render(text, jsonb) FROM ticketty_agent, PUBLIC;

--- mail_message_ungreeted
-- p_text without the greeting line it opens with, when it opens with
-- one: a line that is a greeting alone, in English or Spanish, with at
-- most three words after it (a name, "all", "Mr. Smith") and no sentence:
-- "Hi Carla,", "Hello,", "Dear Mr. Smith,", "Good morning team!",
-- "Hola, Carla:", "¡Hola!", "Buenos días", "Estimado Sr. Ruiz:". The
-- blank lines after it go with it. p_text as it is when it opens with no
-- such line ("Hello, we checked the logs.", "Buenas noticias: ...") or
-- when the greeting is all it holds.
CREATE OR REPLACE FUNCTION mail_message_ungreeted(p_text text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_text  text := ltrim(coalesce(p_text, ''), E' \t\r\n');
    v_greet text := '(hello|hi|hey|dear|greetings|good (morning|afternoon|evening|day)'
                    '|hola|estimad[oa]s?|queridos?|queridas?|buen[oa]s (d[ií]as|tardes|noches))';
    v_word  text := '[^ \t\r\n,:;!?¡¿]+';
    v_rest  text;
BEGIN
    IF split_part(v_text, E'\n', 1) !~* ('^¡?' || v_greet
            || '(([ \t]+' || v_word || '){0,3}[ \t]*[,:!]?|,([ \t]+' || v_word || '){1,3}[ \t]*[,:!])[ \t\r]*$') THEN
        RETURN p_text;
    END IF;
    v_rest := regexp_replace(v_text, '^[^\n]*(\n[ \t\r]*)*\n?', '');
    RETURN CASE WHEN btrim(v_rest, E' \t\r\n') = '' THEN p_text ELSE v_rest END;
END
$$;
REVOKE ALL ON FUNCTION mail_message_ungreeted(text) FROM ticketty_agent, PUBLIC;

--- mail_queue
-- Builds and queues one message from template p_kind in p_lang (en or es;
-- the English template when the language has none); returns its id, or
-- NULL when there is no usable address; TT404 for no such template. Its
-- Message-ID names the ticket and the row, with 64 random bits no one
-- outside the mail's recipients can guess; its subject is built by
-- mail_subject_built (an answer's with one reply prefix).
-- p_thread: continue the ticket's customer thread (References are the
-- thread's chain); p_inbound: the received mail this answers (References
-- are its References and Message-ID, bounded; the per-address daily limit
-- applies: past it the message is kept as `suppressed`, not sent).
-- In-Reply-To and References never name an ID api_mail_store made up.
-- An answer to a mail without a subject is "Re: (no subject)" ("Re: (sin
-- asunto)"), not "Re:".
-- A message (p_comment) that opens with a greeting line of its own loses
-- it when the template's first line greets the contact
-- (mail_message_ungreeted).
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
    v_desk   text := mail_from_name(v_lang);   -- the desk's name in the mail's language (981)
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
    v_vars := jsonb_build_object('desk', v_desk, 'ticket', p_ticket)
              || coalesce(p_vars, '{}');
    -- an answer to a mail without a subject (or with a reply prefix
    -- alone) says so, as mail programs do, rather than "Re:" and nothing
    IF v_vars ? 'subject' AND mail_subject_bare(coalesce(v_vars ->> 'subject', '')) = '' THEN
        v_vars := v_vars || jsonb_build_object('subject',
                                CASE v_lang WHEN 'es' THEN '(sin asunto)' ELSE '(no subject)' END);
    END IF;
    v_id := nextval(pg_get_serial_sequence('ticketty.mail_outbox', 'id'));
    -- the ticket and the row for people reading headers, then 64 random
    -- bits: an ID no one outside the mail's recipients can name
    v_msgid := format('<ticketty.%s.%s.%s@%s>', coalesce(p_ticket, 0), v_id,
                      left(md5(gen_random_uuid()::text), 16), mail_setting('message_id_domain'));

    IF p_thread AND p_ticket IS NOT NULL THEN
        SELECT * INTO v_th FROM mail_threads WHERE ticket_id = p_ticket FOR UPDATE;
        IF FOUND THEN
            v_irt := v_th.last_message_id;
            v_refs := v_th.chain;   -- ends with last_message_id
            UPDATE mail_threads SET last_message_id = v_msgid WHERE ticket_id = p_ticket;
        ELSE
            INSERT INTO mail_threads (ticket_id, root_message_id, last_message_id)
            VALUES (p_ticket, v_msgid, v_msgid);
        END IF;
    ELSIF p_inbound IS NOT NULL THEN
        SELECT * INTO v_in FROM mail_inbound WHERE id = p_inbound;
        v_irt := v_in.message_id;
        v_refs := mail_refs_bounded(v_in.refs || v_in.message_id);
    END IF;
    -- an ID api_mail_store made up for a received mail (it had none, or
    -- another message's) was never mailed: the headers name only real
    -- ones, and the answer replies to the last of them
    IF v_irt ~ '@ticketty\.(no|reused)-message-id>$'
       OR array_to_string(v_refs, ' ') ~ '@ticketty\.(no|reused)-message-id>' THEN
        v_refs := ARRAY(SELECT u.r FROM unnest(v_refs) WITH ORDINALITY AS u(r, n)
                         WHERE u.r !~ '@ticketty\.(no|reused)-message-id>$' ORDER BY u.n);
        v_irt := v_refs[cardinality(v_refs)];
    END IF;

    v_subj := mail_subject_built(v_tpl.subject, v_vars, p_ticket);
    -- an engineer's message that greets the contact itself ("Hi Carla,")
    -- in a template that greets them already ("Hello {{contact}},"): the
    -- customer reads one greeting, the template's
    IF p_comment IS NOT NULL AND v_vars ? 'message'
       AND split_part(ltrim(v_tpl.body, E' \t\r\n'), E'\n', 1) LIKE '%{{contact}}%' THEN
        v_vars := v_vars || jsonb_build_object('message', mail_message_ungreeted(v_vars ->> 'message'));
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
            p_to_name, p_to, v_desk, mail_setting('from_address'),
            mail_setting('reply_to'), v_subj, mail_render(v_tpl.body, v_vars), v_msgid,
            v_irt, v_refs, p_auto, v_state, v_err);
    IF v_state = 'queued' THEN
        PERFORM pg_notify('ticketty_mail', v_id::text);
    END IF;
    RETURN v_id;
END
$$;
REVOKE ALL ON FUNCTION mail_queue(text, text, text, text, jsonb, bigint, bigint, bigint, bigint,
                                  boolean, text) FROM ticketty_agent, PUBLIC;

--- ticket_events_mail
-- Trigger on ticket_events: a public message on a ticket (an
-- acknowledgement, reply, request for information or resolution, or the
-- notice said on closing, such as a duplicate's, mailed as a reply) goes
-- to its requesting contact in the contact's language, in the ticket's
-- thread.
-- On an emergency ticket a copy goes to the CSM in the CSM's language
-- (with no active CSM, to every active COO: they have the emergency, as
-- at intake) and to the account representative in its own.
CREATE OR REPLACE FUNCTION ticket_events_mail() RETURNS trigger
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
    IF NEW.kind NOT IN ('ack', 'reply', 'resolve', 'status', 'close') OR NOT (NEW.details ? 'comment') THEN
        RETURN NULL;
    END IF;
    SELECT * INTO c FROM comments WHERE id = (NEW.details ->> 'comment')::bigint;
    IF c.kind IS DISTINCT FROM 'public' THEN
        RETURN NULL;
    END IF;
    SELECT * INTO t FROM tickets WHERE id = NEW.ticket_id;
    SELECT * INTO ct FROM contacts WHERE id = t.contact_id;
    SELECT * INTO cu FROM customers WHERE id = t.customer_id;
    v_kind := CASE WHEN NEW.kind = 'ack' THEN 'acknowledgement'
                   -- the notice of a ticket closed as a duplicate
                   -- (api_ticket_link, which links them in this very
                   -- transaction, then resolves it): a reply, not a
                   -- resolution, which told the customer their request
                   -- was resolved and that answering reopens it, when it
                   -- goes on in the other ticket
                   WHEN NEW.kind IN ('resolve', 'close')
                        AND EXISTS (SELECT 1 FROM ticket_links l
                                     WHERE l.ticket_id = t.id AND l.kind = 'duplicate_of'
                                       AND l.xmin = pg_current_xact_id()::xid) THEN 'reply'
                   WHEN NEW.kind = 'resolve' THEN 'resolution'
                   WHEN t.status = 'waiting_customer' THEN 'request_info'
                   ELSE 'reply' END;
    v_vars := jsonb_build_object('title', t.title, 'contact', ct.name, 'customer', cu.name,
                                 'message', c.body, 'phone', coalesce(t.phone, ''),
                                 'agent', (SELECT a.display_name FROM agents a WHERE a.id = c.author_id));
    PERFORM mail_queue(v_kind, ct.lang, ct.name, ct.email, v_vars, t.id, c.id, NULL, NULL, true, NULL);
    IF (SELECT s.emergency FROM severities s WHERE s.level = t.severity) THEN
        SELECT * INTO v_csm FROM agents WHERE id = cu.csm_id AND active;
        IF FOUND THEN
            PERFORM mail_queue('emergency_update', v_csm.lang, v_csm.display_name,
                               v_csm.email, v_vars, t.id, c.id, NULL, NULL, false, 'auto-generated');
        ELSE
            -- no CSM: the COO (every active one) has the emergency, as at intake
            PERFORM mail_queue('emergency_update', a.lang, a.display_name, a.email,
                               v_vars, t.id, c.id, NULL, NULL, false, 'auto-generated')
               FROM agents a WHERE a.role = 'coo' AND a.active AND a.email IS NOT NULL
              ORDER BY a.id;
        END IF;
        PERFORM mail_queue('emergency_update', cu.account_rep_lang, cu.account_rep_name, cu.account_rep_email,
                           v_vars, t.id, c.id, NULL, NULL, false, 'auto-generated');
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION ticket_events_mail() FROM ticketty_agent, PUBLIC;

--- notifications_mail
-- Trigger on notifications: an emergency notice goes by mail (to the CSM
-- or a COO in the agent's language, to the account representative's
-- address in the representative's), and so does every notification of an
-- agent who asked for mail (agent_mail_prefs), in the agent's language.
-- Its variables by notification_mail_vars.
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
REVOKE ALL ON FUNCTION notifications_mail() FROM ticketty_agent, PUBLIC;

--- api_mail_claim
-- Claims up to max_rows due messages for delivery (the mail gateway or an admin): each gets
-- one more attempt and a lease of lease_seconds during which no other
-- sender takes it. Concurrent senders never claim the same row. Only the
-- first queued message of a ticket to one address is claimed: a ticket's
-- mail to one address goes out in the order it was written, the due ones
-- behind it waiting until it is due again.
CREATE OR REPLACE FUNCTION api_mail_claim(max_rows int DEFAULT 100, lease_seconds int DEFAULT 300)
    RETURNS SETOF mail_outbox
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM require_role('mail', 'admin');
    RETURN QUERY
    UPDATE mail_outbox o
       SET attempts = o.attempts + 1,
           next_attempt_at = tt_now() + make_interval(secs => greatest(coalesce(lease_seconds, 300), 1))
     WHERE o.id IN (SELECT d.id FROM mail_outbox d
                     WHERE d.state = 'queued' AND d.next_attempt_at <= tt_now()
                       AND NOT EXISTS (SELECT 1 FROM mail_outbox e
                                        WHERE e.ticket_id = d.ticket_id AND e.id < d.id
                                          AND e.state = 'queued'
                                          AND lower(e.to_address) = lower(d.to_address))
                     ORDER BY d.next_attempt_at, d.id
                     LIMIT greatest(coalesce(max_rows, 100), 1)
                       FOR UPDATE SKIP LOCKED)
    RETURNING o.*;
    -- held back: due, behind a message of their ticket and address that
    -- is not (in a sender's hands, or waiting for its retry)
    UPDATE mail_outbox h
       SET next_attempt_at = w.until
      FROM (SELECT d.id,
                   (SELECT max(e.next_attempt_at) FROM mail_outbox e
                     WHERE e.ticket_id = d.ticket_id AND e.id < d.id AND e.state = 'queued'
                       AND lower(e.to_address) = lower(d.to_address)) AS until
              FROM mail_outbox d
             WHERE d.state = 'queued' AND d.next_attempt_at <= tt_now() AND d.ticket_id IS NOT NULL
               FOR UPDATE SKIP LOCKED) w
     WHERE h.id = w.id AND w.until > tt_now();
END
$$;

--- api_mail_sent
-- The MTA took the message (the mail gateway or an admin); the next ones of its ticket to
-- the same address, held back behind it, are due now.
CREATE OR REPLACE FUNCTION api_mail_sent(p_id bigint) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    o mail_outbox;
BEGIN
    PERFORM require_role('mail', 'admin');
    UPDATE mail_outbox SET state = 'sent', sent_at = tt_now(), last_error = NULL
     WHERE id = p_id AND state = 'queued'
    RETURNING * INTO o;
    IF o.ticket_id IS NOT NULL THEN
        UPDATE mail_outbox n SET next_attempt_at = tt_now()
         WHERE n.ticket_id = o.ticket_id AND n.id > o.id AND n.state = 'queued'
           AND lower(n.to_address) = lower(o.to_address) AND n.next_attempt_at > tt_now();
    END IF;
END
$$;

--- api_mail_template_set
-- Sets a template (admin only). Unknown kind or language, a blank or too
-- long subject (500 characters) or body (100000), a missing, unknown or
-- malformed placeholder (mail_template_problems): TT400, every problem
-- named, nothing saved. Audited as template.set (object KIND/LANG, the
-- subject and body before and after) when it changed.
CREATE OR REPLACE FUNCTION api_mail_template_set(p_kind text, p_lang text, p_subject text, p_body text)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
    v_before   jsonb;
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
    ELSIF text_has_control(p_subject) THEN
        v_problems := v_problems || admin_one_line_refusal('subject');
    END IF;
    IF p_body IS NULL OR btrim(p_body) = '' THEN
        v_problems := v_problems || E'body\trequired\tis required'::text;
    ELSIF length(p_body) > 100000 THEN
        v_problems := v_problems || E'body\ttoo_long\tis longer than 100000 characters'::text;
    END IF;
    IF cardinality(v_problems) = 0 THEN
        v_problems := mail_template_problems(p_kind, p_lang, p_subject, p_body);
    END IF;
    IF cardinality(v_problems) > 0 THEN
        RAISE EXCEPTION 'the template was refused' USING ERRCODE = 'TT400',
            DETAIL = array_to_string(v_problems, E'\n');
    END IF;
    PERFORM 1 FROM mail_templates m WHERE m.kind = p_kind AND m.lang = p_lang FOR UPDATE;
    v_before := admin_mail_template_json(p_kind, p_lang);
    INSERT INTO mail_templates (kind, lang, subject, body) VALUES (p_kind, p_lang, p_subject, p_body)
    ON CONFLICT (kind, lang) DO UPDATE SET subject = EXCLUDED.subject, body = EXCLUDED.body;
    IF admin_mail_template_json(p_kind, p_lang) IS DISTINCT FROM v_before THEN
        PERFORM admin_audit('template.set', 'mail_template', NULL, p_kind || '/' || p_lang,
                            v_before, admin_mail_template_json(p_kind, p_lang));
    END IF;
END
$$;

--- api_mail_policy_set
-- Sets one mail policy value (admin only), trimmed. TT400 for an unknown
-- key, for a value with a control character (CR, LF, tab, ESC, DEL, C1,
-- U+2028/2029; refused for every key, named), and for a value the setting
-- does not take, saying what it takes (one address, a domain, a number of
-- hours from 1 to 2160 for give_up_hours, a whole number). Audited as
-- mail_policy.set (object KEY, {"KEY": value} before and after) when it
-- changed.
CREATE OR REPLACE FUNCTION api_mail_policy_set(p_key text, p_value text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_before text;
    v_after  text;
BEGIN
    PERFORM require_role('admin');
    IF p_key IS NULL OR NOT EXISTS (SELECT 1 FROM mail_policy WHERE key = p_key) THEN
        RAISE EXCEPTION 'unknown mail setting "%"', p_key USING ERRCODE = 'TT400',
            DETAIL = format(E'key\tunknown\tthere is no mail setting "%s"', p_key);
    END IF;
    IF text_has_control(p_value) THEN
        RAISE EXCEPTION 'the value of % is not valid', p_key USING ERRCODE = 'TT400',
            DETAIL = admin_problem('value', 'control_character',
                format('the %s setting may not contain line breaks, tabs or other control characters', p_key));
    END IF;
    SELECT m.value INTO v_before FROM mail_policy m WHERE m.key = p_key FOR UPDATE;
    BEGIN
        UPDATE mail_policy SET value = btrim(p_value) WHERE key = p_key
        RETURNING value INTO v_after;
    EXCEPTION WHEN check_violation OR not_null_violation THEN
        -- what the setting takes, said with the refusal
        RAISE EXCEPTION 'the value of % is not valid', p_key USING ERRCODE = 'TT400',
            DETAIL = CASE
                WHEN p_key IN ('from_address', 'reply_to')
                THEN format(E'value\tnot_address\t"%s" is not one address, such as support@example.com', p_value)
                WHEN p_key = 'message_id_domain'
                THEN format(E'value\tnot_domain\t"%s" is not a domain of letters, digits, dots and hyphens', p_value)
                WHEN p_key = 'give_up_hours'
                THEN format(E'value\tnot_hours\t"%s" is not a whole number of hours from 1 to 2160', p_value)
                WHEN p_key IN ('sender_daily_limit', 'max_attachment_bytes', 'max_message_bytes')
                THEN format(E'value\tnot_number\t"%s" is not a whole number from 1 to 1073741823', p_value)
                ELSE format(E'value\tinvalid\t"%s" is not a valid %s', p_value, p_key) END;
    END;
    IF v_after IS DISTINCT FROM v_before THEN
        PERFORM admin_audit('mail_policy.set', 'mail_policy', NULL, p_key,
                            jsonb_build_object(p_key, v_before), jsonb_build_object(p_key, v_after));
    END IF;
END
$$;

--- api_mail_notifications
-- The calling agent gets (or stops getting) their notifications by mail.
CREATE OR REPLACE FUNCTION api_mail_notifications(p_on boolean) RETURNS void
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

--- api_mail_bounced
-- Records that the message p_message_id of ours could not be delivered
-- (the mail bot, an admin, calls it for the report p_inbound it stored;
-- mail_undelivered records it); returns the message's ticket, NULL when
-- the message is not ours or belongs to no ticket. A message still queued
-- counts: a local MTA may report before `mail send` recorded it as sent.
CREATE OR REPLACE FUNCTION api_mail_bounced(p_inbound bigint, p_message_id text, p_recipient text,
                                            p_status text, p_reason text) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    o mail_outbox;
BEGIN
    PERFORM require_role('mail', 'admin');
    -- 'queued' too: a local MTA that delivers at once can return the
    -- report before `mail send` has recorded the message as sent
    SELECT * INTO o FROM mail_outbox WHERE message_id = p_message_id AND state <> 'suppressed' FOR UPDATE;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    UPDATE mail_inbound SET ticket_id = o.ticket_id WHERE id = p_inbound;
    PERFORM mail_undelivered(o, p_recipient,
                             left(concat_ws(' ', nullif(btrim(p_status), ''), nullif(btrim(p_reason), '')), 1000),
                             p_inbound, NULL);
    RETURN o.ticket_id;
END
$$;

--- api_message_file_limits
-- The desk's limits on the files of one message an agent writes: a file
-- (max_attachment_bytes) and all of them together (3/4 of
-- max_message_bytes), NULL where the policy sets none. api_message_attach
-- checks each file against them; the TUI reads them to refuse a file when
-- it is chosen (model/mail.c, mail_file_limits).
CREATE OR REPLACE FUNCTION api_message_file_limits(OUT file_max bigint, OUT files_max bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
    SELECT mail_setting('max_attachment_bytes')::bigint, (mail_setting('max_message_bytes')::bigint / 4) * 3
$$;

--- api_message_attach
-- Attaches a file to the caller's own message on `p_ticket` written in
-- this transaction (its mail is not sent before the transaction commits,
-- so it never goes without the file): a public one (acknowledgement,
-- reply, resolution; support staff only) takes it to the customer, a note
-- keeps it for the desk; when the step wrote both, the public one. Limits:
-- max_attachment_bytes a file, 3/4 of max_message_bytes together, 20
-- files a message; a bare name, without a path separator or a control,
-- bidi or line separator character (the names file_name_mended gives a
-- received file); every refused field is named with the facts (TT400),
-- a file without such a message is TT409. Audited as file_sent (with
-- the file's name, size and type) or file_noted (the attachment's and
-- the note's ids only: who may not read the note may not read of its
-- file either). Returns the attachment's id.
CREATE OR REPLACE FUNCTION api_message_attach(p_ticket bigint, p_filename text, p_type text, p_data bytea)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_me       int := current_agent_id();
    v_comment  bigint;
    v_public   boolean;
    v_name     text := btrim(coalesce(p_filename, ''));
    v_type     text := lower(btrim(coalesce(p_type, '')));
    v_max      bigint;
    v_total    bigint;
    v_sum      bigint;
    v_count    int;
    v_problems text[] := '{}';
    v_id       bigint;
BEGIN
    -- the caller's own message (public or a note), written in this very
    -- transaction (a public one first: an action may add a note beside
    -- it); a file to the customer needs a role that answers them
    SELECT c.id, c.kind = 'public' INTO v_comment, v_public FROM comments c
     WHERE c.ticket_id = p_ticket AND c.kind IN ('public', 'internal') AND c.author_id = v_me
       AND c.xmin = pg_current_xact_id()::xid
     ORDER BY c.kind = 'public' DESC, c.id DESC LIMIT 1;
    IF v_comment IS NULL THEN
        RAISE EXCEPTION 'a file goes with a message: write it in the same transaction as the reply, acknowledgement, resolution or note'
            USING ERRCODE = 'TT409';
    END IF;
    IF v_public THEN
        PERFORM ticket_require_support('a file to the customer');
    END IF;
    SELECT coalesce(sum(a.size), 0), count(*) INTO v_sum, v_count
      FROM attachments a WHERE a.comment_id = v_comment;
    SELECT l.file_max, l.files_max INTO v_max, v_total FROM api_message_file_limits() l;

    IF v_name = '' THEN
        v_problems := v_problems || admin_problem('filename', 'required', 'a file name is required');
    ELSIF char_length(v_name) > 255 THEN
        v_problems := v_problems || admin_problem('filename', 'too_long', 'at most 255 characters');
    ELSIF v_name ~ ('[/\\' || text_unsafe_chars() || ']') OR v_name IN ('.', '..') THEN
        -- a control, bidi or line separator character named one by one
        -- (text_unsafe_chars, what a received file's name may not keep:
        -- file_name_mended), never [[:cntrl:]], which holds no bidi
        -- control (U+202E: "invoice<U+202E>fdp.exe" reads
        -- "invoiceexe.pdf") and not U+2028 or U+2029
        v_problems := v_problems || admin_problem('filename', 'malformed',
                                                  'a bare file name, without /, \, control or bidi characters');
    END IF;
    IF v_type !~ '^[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+$' THEN
        v_problems := v_problems || admin_problem('type', 'malformed', 'a media type such as text/csv');
    END IF;
    IF p_data IS NULL THEN
        v_problems := v_problems || admin_problem('file', 'required', 'the file''s bytes are required');
    ELSIF octet_length(p_data) > v_max THEN
        v_problems := v_problems || admin_problem('file', 'too_large',
            format('%s has %s bytes; one file may have %s (max_attachment_bytes)',
                   v_name, octet_length(p_data), v_max));
    ELSIF v_sum + octet_length(p_data) > v_total THEN
        v_problems := v_problems || admin_problem('file', 'too_large',
            format('the files of one message may have %s bytes together (3/4 of max_message_bytes)', v_total));
    END IF;
    IF v_count >= 20 THEN
        v_problems := v_problems || admin_problem('file', 'too_large', 'at most 20 files go with one message');
    END IF;
    PERFORM admin_refuse_if(v_problems, 'the file was not attached');

    INSERT INTO attachments (ticket_id, comment_id, filename, content_type, size, sha256, data)
    VALUES (p_ticket, v_comment, v_name, v_type, octet_length(p_data), sha256(p_data), p_data)
    RETURNING id INTO v_id;
    -- a note's file is as private as the note (row-level security on
    -- attachments); the audit log, which every agent reads, names it by
    -- id only (952)
    PERFORM audit(p_ticket, CASE WHEN v_public THEN 'file_sent' ELSE 'file_noted' END,
                  CASE WHEN v_public
                       THEN jsonb_build_object('attachment', v_id, 'comment', v_comment, 'filename', v_name,
                                               'size', octet_length(p_data), 'type', v_type)
                       ELSE jsonb_build_object('attachment', v_id, 'comment', v_comment) END);
    RETURN v_id;
END
$$;

--- mail_template_problems
-- What is wrong with a template of kind p_kind in language p_lang: one
-- refusal line (field subject or body, code unknown_placeholder,
-- malformed_placeholder or missing_placeholder) per unknown or
-- malformed placeholder, read as mail_render (061) reads it (a "{{" then
-- a name of a-z and _ then "}}"; any other "{{", and a "}}" outside a
-- placeholder, is malformed), and per required placeholder missing from
-- the body. Empty for a good template and for a kind that has no
-- placeholders listed (the caller refuses an unknown kind). Internal.
CREATE OR REPLACE FUNCTION mail_template_problems(p_kind text, p_lang text, p_subject text, p_body text)
    RETURNS text[]
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_known  text[];
    v_list   text;
    v_out    text[] := '{}';
    v_part   text;
    v_rest   text;
    v_lit    text;
    v_snip   text;
    v_seen   text[];
    v_found  text[] := '{}';
    i        int;
    j        int;
    k        text;
    r        record;
BEGIN
    SELECT array_agg(p.name ORDER BY p.name) INTO v_known
      FROM mail_template_placeholders p WHERE p.kind = p_kind;
    IF v_known IS NULL THEN
        RETURN v_out;
    END IF;
    v_list := (SELECT string_agg('{{' || n || '}}', ', ' ORDER BY n) FROM unnest(v_known) AS n);
    FOREACH v_part IN ARRAY ARRAY['subject', 'body'] LOOP
        v_rest := CASE v_part WHEN 'subject' THEN p_subject ELSE p_body END;
        CONTINUE WHEN v_rest IS NULL;
        v_lit := '';
        v_seen := '{}';
        LOOP
            i := strpos(v_rest, '{{');
            EXIT WHEN i = 0;
            v_lit := v_lit || substr(v_rest, 1, i - 1);
            j := strpos(substr(v_rest, i + 2), '}}');
            k := CASE WHEN j > 0 THEN substr(v_rest, i + 2, j - 1) END;
            IF k ~ '^[a-z_]+$' THEN
                IF v_part = 'body' THEN
                    v_found := v_found || k;
                END IF;
                IF NOT k = ANY (v_known) AND NOT k = ANY (v_seen) THEN
                    v_seen := v_seen || k;
                    v_out := v_out || admin_problem(v_part, 'unknown_placeholder',
                        format('unknown placeholder {{%s}}: the %s template (%s) knows %s',
                               k, p_kind, p_lang, v_list));
                END IF;
                v_lit := v_lit || ' ';
                v_rest := substr(v_rest, i + j + 3);
            ELSE
                -- the "{{" and what follows on its line, up to its "}}"
                v_snip := split_part(substr(v_rest, i, 60), E'\n', 1);
                IF strpos(substr(v_snip, 3), '{{') > 0 THEN
                    v_snip := left(v_snip, strpos(substr(v_snip, 3), '{{') + 1);
                END IF;
                v_snip := coalesce(substring(v_snip FROM '^.*?\}\}'), v_snip);
                IF NOT v_snip = ANY (v_seen) THEN
                    v_seen := v_seen || v_snip;
                    v_out := v_out || admin_problem(v_part, 'malformed_placeholder',
                        format('malformed placeholder "%s": a placeholder is a name between {{ and }}; the %s template (%s) knows %s',
                               translate(left(v_snip, 40), E'\t\r', '  '), p_kind, p_lang, v_list));
                END IF;
                v_lit := v_lit || ' ';
                v_rest := substr(v_rest, i + length(v_snip));
            END IF;
        END LOOP;
        v_lit := v_lit || v_rest;
        -- a "}}" that closes no placeholder
        FOR r IN SELECT DISTINCT m[1] AS snip
                   FROM regexp_matches(v_lit, '([^\s{}]{0,30}\}\})', 'g') AS m LOOP
            CONTINUE WHEN r.snip = ANY (v_seen);
            v_seen := v_seen || r.snip;
            v_out := v_out || admin_problem(v_part, 'malformed_placeholder',
                format('malformed placeholder "%s": a placeholder is a name between {{ and }}; the %s template (%s) knows %s',
                       r.snip, p_kind, p_lang, v_list));
        END LOOP;
    END LOOP;
    FOR r IN SELECT p.name, p.carries FROM mail_template_placeholders p
              WHERE p.kind = p_kind AND p.required AND NOT p.name = ANY (v_found)
              ORDER BY p.name LOOP
        v_out := v_out || admin_problem('body', 'missing_placeholder',
            format('the %s template (%s) must contain {{%s}} in its body: without it, %s would not be in the mail',
                   p_kind, p_lang, r.name, r.carries));
    END LOOP;
    RETURN v_out;
END
$$;
REVOKE ALL ON FUNCTION mail_template_problems(text, text, text, text) FROM ticketty_agent, PUBLIC;

--- mail_outbox_keep_message
-- A mail carrying an agent's public message whose template lacks
-- {{message}} (one stored before 360 checked templates): the message's
-- text is appended, so the customer gets it all the same.
CREATE OR REPLACE FUNCTION mail_outbox_keep_message() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_said text;
BEGIN
    IF NEW.comment_id IS NULL
       OR NOT EXISTS (SELECT 1 FROM mail_template_placeholders p
                       WHERE p.kind = NEW.kind AND p.name = 'message' AND p.required) THEN
        RETURN NEW;
    END IF;
    SELECT c.body INTO v_said FROM comments c WHERE c.id = NEW.comment_id;
    -- in the mail whole, or without its greeting (mail_queue drops it
    -- under a template that greets)
    IF btrim(coalesce(v_said, ''), E' \t\r\n') <> '' AND strpos(NEW.body, v_said) = 0
       AND strpos(NEW.body, mail_message_ungreeted(v_said)) = 0 THEN
        NEW.body := rtrim(NEW.body, E' \t\r\n') || E'\n\n' || v_said || E'\n';
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION mail_outbox_keep_message() FROM ticketty_agent, PUBLIC;

--- mail_undelivered
-- Records that our message o never reached p_to (a delivery report
-- p_report came back, or ticketty gave the message up: p_cause 'refused'
-- or 'expired'): the outbox row says when and why (an answer to inbox
-- mail reads so in the inbox), the ticket gets the audit event
-- mail_bounced, and the answer's author and the ticket's assignee are
-- notified. Only the first time counts.
CREATE OR REPLACE FUNCTION mail_undelivered(o mail_outbox, p_to text, p_reason text, p_report bigint, p_cause text)
    RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    t tickets;
BEGIN
    IF o.bounced_at IS NOT NULL THEN
        RETURN;
    END IF;
    UPDATE mail_outbox SET bounced_at = tt_now(), bounce_reason = left(nullif(p_reason, ''), 1000)
     WHERE id = o.id;
    IF o.ticket_id IS NULL THEN
        IF o.inbound_id IS NOT NULL THEN
            PERFORM pg_notify('ticketty', json_build_object('inbox', o.inbound_id, 'kind', 'mail')::text);
        END IF;
        RETURN;
    END IF;
    SELECT * INTO t FROM tickets WHERE id = o.ticket_id;
    -- the step's own notifications before its event (790): the trigger
    -- then finds them told and tells them nothing more
    INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload)
    SELECT DISTINCT w.agent, 'ticket.mail_bounced', t.id,
           jsonb_build_object('title', t.title, 'to', o.to_address, 'reason', nullif(left(p_reason, 1000), ''))
      FROM (SELECT t.assignee_id AS agent
            UNION ALL
            SELECT c.author_id FROM comments c WHERE c.id = o.comment_id) w
     WHERE w.agent IS NOT NULL;
    PERFORM audit(t.id, 'mail_bounced',
                  jsonb_strip_nulls(jsonb_build_object(
                      'to', coalesce(nullif(btrim(p_to), ''), o.to_address),
                      'reason', nullif(left(p_reason, 1000), ''), 'mail', o.id,
                      'comment', o.comment_id, 'report', p_report, 'cause', p_cause)));
END
$$;
REVOKE EXECUTE ON FUNCTION mail_undelivered(mail_outbox, text, text, bigint, text) FROM ticketty_agent;

--- mail_give_up
-- Gives the queued message p_id up (p_cause 'refused' or 'expired', the
-- MTA's last word in p_error): it is never tried again; an answer (to the
-- customer or its copy, with a comment; or to inbox mail) is recorded as
-- undelivered where it was written (mail_undelivered), a notification to
-- an agent only stops; the messages waiting behind it (same ticket, same
-- address) are due now.
CREATE OR REPLACE FUNCTION mail_give_up(p_id bigint, p_error text, p_cause text) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    o mail_outbox;
BEGIN
    UPDATE mail_outbox
       SET state = 'failed', failed_at = tt_now(),
           last_error = left(coalesce(nullif(p_error, ''), last_error, 'unknown error'), 1000)
     WHERE id = p_id AND state = 'queued'
    RETURNING * INTO o;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    -- an answer (to the customer, its copy, or to inbox mail) says so
    -- where it was written; a notification to an agent only stops
    IF o.comment_id IS NOT NULL OR o.inbound_id IS NOT NULL THEN
        PERFORM mail_undelivered(o, o.to_address, o.last_error, NULL, p_cause);
    END IF;
    IF o.ticket_id IS NOT NULL THEN
        UPDATE mail_outbox n SET next_attempt_at = tt_now()
         WHERE n.ticket_id = o.ticket_id AND n.id > o.id AND n.state = 'queued'
           AND lower(n.to_address) = lower(o.to_address) AND n.next_attempt_at > tt_now();
    END IF;
END
$$;
REVOKE EXECUTE ON FUNCTION mail_give_up(bigint, text, text) FROM ticketty_agent;

--- api_mail_refused
-- The MTA refused the message for good (the mail gateway or an admin): it is given up at
-- once (mail_give_up, cause 'refused').
CREATE OR REPLACE FUNCTION api_mail_refused(p_id bigint, p_error text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM require_role('mail', 'admin');
    PERFORM mail_give_up(p_id, coalesce(p_error, 'refused'), 'refused');
END
$$;

--- mail_delivery
-- How message o reads where it was written: 'bounced' (a delivery report
-- came back, or it was given up: mail_undelivered), 'failed' (the MTA
-- failed it for now; it is retried), else its state (queued, sent,
-- suppressed).
CREATE OR REPLACE FUNCTION mail_delivery(o mail_outbox) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN o.bounced_at IS NOT NULL OR o.state = 'failed' THEN 'bounced'
                WHEN o.state = 'queued' AND o.last_error IS NOT NULL THEN 'failed'
                ELSE o.state::text END
$$;

--- api_mail_failed
-- The MTA failed the message for now (the mail gateway or an admin): it is retried after 1,
-- 2, 4 ... minutes (at most one hour between attempts), the error kept for
-- `mail status`, and next_attempt says when. Once give_up_hours have
-- passed since the message was written it is given up instead
-- (mail_give_up, cause 'expired'): given_up, and no next attempt.
CREATE OR REPLACE FUNCTION api_mail_failed(p_id bigint, p_error text, OUT next_attempt timestamptz, OUT given_up boolean)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_hours int;
BEGIN
    PERFORM require_role('mail', 'admin');
    given_up := false;
    v_hours := mail_setting('give_up_hours')::int;
    UPDATE mail_outbox
       SET next_attempt_at = tt_now() + least(interval '1 minute' * power(2, least(attempts - 1, 10)),
                                              interval '1 hour'),
           last_error = left(coalesce(p_error, 'unknown error'), 1000)
     WHERE id = p_id AND state = 'queued' AND tt_now() < created_at + make_interval(hours => v_hours)
    RETURNING next_attempt_at INTO next_attempt;
    IF FOUND THEN
        RETURN;
    END IF;
    -- not retried: too old (give it up), or no longer queued
    PERFORM 1 FROM mail_outbox WHERE id = p_id AND state = 'queued' FOR UPDATE;
    IF FOUND THEN
        PERFORM mail_give_up(p_id, p_error, 'expired');
        given_up := true;
    END IF;
END
$$;

--- mail_reply_prefix
-- A subject that starts as an answer: a reply prefix as mail programs
-- write it in many languages, "Re:", "RE :", "AW:", "SV:", "Antw:",
-- "Re[2]:", "RE(3):", "Re：" (a regular expression, for ~*).
CREATE OR REPLACE FUNCTION mail_reply_prefix() RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT '^\s*(re|aw|sv|antw)\s*(\[\d+\]|\(\d+\))?\s*[:\uff1a]'
$$;
REVOKE ALL ON FUNCTION mail_reply_prefix() FROM ticketty_agent, PUBLIC;

--- mail_subject_bare
-- A subject without the reply and forward prefixes it starts with
-- (any number, any order, any case): "RE: Fwd: re[2]: Blank" is "Blank".
CREATE OR REPLACE FUNCTION mail_subject_bare(p_subject text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT btrim(regexp_replace(p_subject,
                 '^\s*((re|aw|sv|antw|fwd?|rv|wg)\s*(\[\d+\]|\(\d+\))?\s*[:\uff1a]\s*)+', '', 'i'))
$$;
REVOKE ALL ON FUNCTION mail_subject_bare(text) FROM ticketty_agent, PUBLIC;

--- notification_mail_vars
-- The variables a notification's mail is built with (mail_queue adds desk
-- and ticket), {{event}} being p_event.
CREATE OR REPLACE FUNCTION notification_mail_vars(n notifications, p_event text) RETURNS jsonb
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
REVOKE ALL ON FUNCTION notification_mail_vars(notifications, text) FROM ticketty_agent, PUBLIC;

--- mail_subject_built
-- A message's subject line from its template's subject: one line of at
-- most 400 characters, an answer with one reply prefix ('Re: ' and the
-- bare subject), the ticket's [#ID] in front. A subject that starts with
-- {{event}} (a notification's: '{{event}}: {{title}}') starts with a
-- capital letter: the desk's words for what happened are written to
-- stand inside a sentence ("Ticket n.º 1 (...): el cliente respondió."),
-- and a subject line is not inside one ("[#1] El cliente respondió: ...").
CREATE OR REPLACE FUNCTION mail_subject_built(p_subject text, p_vars jsonb, p_ticket bigint) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_subj text := left(regexp_replace(mail_render(p_subject, p_vars), '[\r\n\t]+', ' ', 'g'), 400);
BEGIN
    IF p_subject ~ '^\s*\{\{event\}\}' THEN
        v_subj := ltrim(v_subj);
        -- upper() alone leaves "é" as it is under the C collation
        v_subj := translate(upper(left(v_subj, 1)), 'áéíóúüñ', 'ÁÉÍÓÚÜÑ') || substr(v_subj, 2);
    END IF;
    IF v_subj ~* mail_reply_prefix() THEN
        v_subj := rtrim('Re: ' || mail_subject_bare(v_subj));
    END IF;
    IF p_ticket IS NOT NULL THEN
        v_subj := format('[#%s] %s', p_ticket, v_subj);
    END IF;
    RETURN v_subj;
END
$$;
REVOKE ALL ON FUNCTION mail_subject_built(text, jsonb, bigint) FROM ticketty_agent, PUBLIC;

--- api_mail_notification_words
-- The mail sender (the mail gateway or an admin) gives the words of the ticket.changed
-- notification behind message p_id, in the message's language: the
-- message, claimed and not yet tried, is built again from its template
-- with them as {{event}}. Any other message, or one tried before, is left
-- as it was built. Returns the message's subject and body as they go out.
CREATE OR REPLACE FUNCTION api_mail_notification_words(p_id bigint, p_words text)
    RETURNS TABLE (subject text, body text)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    o     mail_outbox;
    n     notifications;
    v_tpl mail_templates;
    v_words text := btrim(text_controls_spaced(left(coalesce(p_words, ''), 2000)));
    v_vars  jsonb;
BEGIN
    PERFORM require_role('mail', 'admin');
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
        v_vars := jsonb_build_object('desk', mail_from_name(o.lang), 'ticket', o.ticket_id)
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
REVOKE ALL ON FUNCTION api_mail_notification_words(bigint, text) FROM ticketty_agent, PUBLIC;
GRANT EXECUTE ON FUNCTION api_mail_notification_words(bigint, text) TO ticketty_agent;

--- mail_refs_bounded
-- The Message-IDs p_ids as References: the root (first) and the 20 most
-- recent, in order.
CREATE OR REPLACE FUNCTION mail_refs_bounded(p_ids text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT CASE WHEN coalesce(cardinality(p_ids), 0) <= 21 THEN coalesce(p_ids, '{}')
                ELSE p_ids[1:1] || p_ids[cardinality(p_ids) - 19:] END
$$;
REVOKE ALL ON FUNCTION mail_refs_bounded(text[]) FROM ticketty_agent, PUBLIC;

--- mail_threads_chain
-- Keeps mail_threads.chain: a new thread starts with its root (and its
-- latest, when another) unless the chain is given; a new latest
-- Message-ID is appended, bounded (mail_refs_bounded).
CREATE OR REPLACE FUNCTION mail_threads_chain() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.chain := coalesce(NEW.chain, CASE WHEN NEW.last_message_id = NEW.root_message_id
                                              THEN ARRAY[NEW.root_message_id]
                                              ELSE ARRAY[NEW.root_message_id, NEW.last_message_id] END);
    ELSIF NEW.last_message_id IS DISTINCT FROM OLD.last_message_id
          AND NEW.chain IS NOT DISTINCT FROM OLD.chain
          AND NEW.last_message_id IS DISTINCT FROM OLD.chain[cardinality(OLD.chain)] THEN
        NEW.chain := OLD.chain || NEW.last_message_id;
    END IF;
    NEW.chain := mail_refs_bounded(NEW.chain);
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION mail_threads_chain() FROM ticketty_agent, PUBLIC;
