-- 062_mail_in.sql: storing received mail, threading it, the inbox.
--
-- `ticketty mail receive` (an admin agent, run by the MTA) stores one
-- message in ONE transaction: api_mail_store (raw kept; a Message-ID seen
-- before returns NULL and nothing more happens), api_mail_attach per file,
-- api_mail_route. Routing:
--   * auto-replies, bounces, lists (the client names the reason) are held
--     and never answered;
--   * a reply in a known thread (In-Reply-To/References naming a message of
--     a ticket, or [#ID] in the subject from a contact of that ticket's
--     customer) becomes a `customer` comment: waiting_customer resumes
--     (in_progress), resolved reopens, the assignee is notified; a closed
--     ticket takes no more messages: the mail goes to the inbox;
--   * other mail from a known contact lands in the inbox; from anyone else
--     it is held (unknown sender), never answered.
-- The inbox is worked by engineers: accept (a ticket through intake, the
-- mail's own fields filled in; its first response answers the mail), ask
-- (a request for the missing mandatory items), refuse (not the SPOC, or an
-- account-representative matter) or discard.

SELECT set_config('search_path', 'ticketty', true);

-- Stores a received message; returns its id, or NULL when that Message-ID
-- was stored before (a redelivery). A message without a Message-ID is
-- known by the SHA-256 of its bytes. Too large: TT400 (never storable).
CREATE FUNCTION api_mail_store(p_raw bytea, p_message_id text, p_from text, p_from_name text,
                               p_subject text, p_in_reply_to text, p_refs text[],
                               p_auto text, p_body text)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_id    bigint;
    v_max   bigint := mail_setting('max_message_bytes')::bigint;
    v_msgid text := btrim(coalesce(p_message_id, ''));
    v_from  text := lower(btrim(p_from));
BEGIN
    PERFORM require_role('admin');
    IF p_raw IS NULL OR octet_length(p_raw) = 0 THEN
        RAISE EXCEPTION 'the message is empty' USING ERRCODE = 'TT400',
            DETAIL = E'message\trequired\tis empty';
    ELSIF octet_length(p_raw) > v_max THEN
        RAISE EXCEPTION 'the message is larger than the limit of % bytes', v_max USING ERRCODE = 'TT400',
            DETAIL = format(E'message\ttoo_large\tis %s bytes, more than the limit of %s',
                            octet_length(p_raw), v_max);
    END IF;
    IF v_msgid = '' OR length(v_msgid) > 1000 THEN
        v_msgid := format('<%s@ticketty.no-message-id>', encode(sha256(p_raw), 'hex'));
    END IF;
    IF v_from !~ '^[^@\s<>",;]+@[^@\s<>",;]+$' THEN
        v_from := NULL;
    END IF;
    INSERT INTO mail_inbound (message_id, raw, from_address, from_name, subject, body,
                              in_reply_to, refs, auto_reason, state)
    VALUES (v_msgid, p_raw, v_from, left(p_from_name, 500), left(coalesce(p_subject, ''), 1000),
            coalesce(p_body, ''), left(p_in_reply_to, 1000),
            coalesce((SELECT array_agg(left(r, 1000)) FROM unnest(p_refs) r WHERE r <> ''), '{}'),
            p_auto, 'inbox')
    ON CONFLICT (message_id) DO NOTHING
    RETURNING id INTO v_id;
    RETURN v_id;
END
$$;

-- Stores one attachment of a stored message; returns its id, or NULL when
-- it is larger than max_attachment_bytes (then the message's text says so:
-- the file stays in the raw message only).
CREATE FUNCTION api_mail_attach(p_inbound bigint, p_filename text, p_type text, p_data bytea)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_max  bigint := mail_setting('max_attachment_bytes')::bigint;
    v_name text := left(btrim(regexp_replace(coalesce(p_filename, ''), '[/\\[:cntrl:]]', '_', 'g')), 255);
    v_type text := lower(coalesce(p_type, ''));
    v_id   bigint;
BEGIN
    PERFORM require_role('admin');
    IF v_name = '' THEN
        v_name := 'attachment';
    END IF;
    IF v_type !~ '^[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+$' THEN
        v_type := 'application/octet-stream';
    END IF;
    IF octet_length(p_data) > v_max THEN
        UPDATE mail_inbound
           SET body = body || format(E'\n[attachment "%s" (%s bytes) is larger than the limit of %s bytes: it was not stored separately and stays in the raw message]',
                                     v_name, octet_length(p_data), v_max)
         WHERE id = p_inbound;
        RETURN NULL;
    END IF;
    INSERT INTO attachments (inbound_id, filename, content_type, size, sha256, data)
    VALUES (p_inbound, v_name, v_type, octet_length(p_data), sha256(p_data), p_data)
    RETURNING id INTO v_id;
    RETURN v_id;
END
$$;

-- Puts a customer's mail on its ticket (see the header).
CREATE FUNCTION mail_thread_onto(m mail_inbound, p_ticket bigint) RETURNS void
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
    v_body := left(CASE WHEN btrim(m.body, E' \t\r\n') = '' THEN '(' || coalesce(nullif(m.subject, ''), 'no text') || ')'
                        ELSE rtrim(m.body, E' \t\r\n') END, 100000);
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

-- Decides what a stored message is (see the header); returns the state it
-- ends in and its ticket (NULL when none).
CREATE FUNCTION api_mail_route(p_inbound bigint, OUT state text, OUT ticket_id bigint)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    m        mail_inbound;
    ct       contacts;
    v_ticket bigint;
    v_tag    bigint;
    v_hold   text;
BEGIN
    PERFORM require_role('admin');
    SELECT * INTO m FROM mail_inbound WHERE id = p_inbound FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no such mail: %', p_inbound USING ERRCODE = 'TT404';
    END IF;
    SELECT * INTO ct FROM contacts k
     WHERE lower(k.email) = m.from_address AND k.active
     ORDER BY k.spoc DESC, k.id LIMIT 1;

    -- a known thread: any Message-ID of a ticket's mail, newest reference first
    SELECT x.ticket_id INTO v_ticket
      FROM (SELECT m.in_reply_to AS id, 0::bigint AS n WHERE m.in_reply_to IS NOT NULL
            UNION ALL
            SELECT u.id, 1000000 - u.o FROM unnest(m.refs) WITH ORDINALITY AS u(id, o)) r
      JOIN LATERAL (SELECT o.ticket_id FROM mail_outbox o
                     WHERE o.message_id = r.id AND o.ticket_id IS NOT NULL AND o.comment_id IS NOT NULL
                    UNION ALL
                    SELECT i.ticket_id FROM mail_inbound i
                     WHERE i.message_id = r.id AND i.ticket_id IS NOT NULL AND i.id <> m.id) x ON true
     ORDER BY r.n LIMIT 1;
    IF v_ticket IS NULL THEN
        -- [#ID] in the subject, from a contact of that ticket's customer
        v_tag := substring(m.subject FROM '\[#([0-9]{1,18})\]')::bigint;
        IF v_tag IS NOT NULL AND ct.id IS NOT NULL THEN
            SELECT t.id INTO v_ticket FROM tickets t
             WHERE t.id = v_tag
               AND EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = t.customer_id
                                                     AND lower(k.email) = m.from_address AND k.active);
        END IF;
    END IF;

    v_hold := m.auto_reason;
    IF v_hold IS NULL AND v_ticket IS NULL AND ct.id IS NULL THEN
        v_hold := 'unknown_sender';
    END IF;
    IF v_hold IS NULL AND v_ticket IS NOT NULL
       AND (SELECT t.status FROM tickets t WHERE t.id = v_ticket) = 'closed' THEN
        IF ct.id IS NULL THEN
            v_hold := 'closed_ticket';
        END IF;
        UPDATE mail_inbound SET ticket_id = v_ticket WHERE id = m.id;
        v_ticket := NULL;
    END IF;

    IF v_hold IS NOT NULL THEN
        UPDATE mail_inbound SET state = 'held', hold_reason = v_hold,
               contact_id = ct.id, customer_id = ct.customer_id
         WHERE id = m.id;
        UPDATE attachments SET ticket_id = NULL WHERE inbound_id = m.id;
        state := 'held';
        RETURN;
    END IF;
    UPDATE mail_inbound SET contact_id = ct.id, customer_id = ct.customer_id WHERE id = m.id;
    IF v_ticket IS NOT NULL THEN
        PERFORM mail_thread_onto(m, v_ticket);
        state := 'threaded';
        ticket_id := v_ticket;
        RETURN;
    END IF;
    UPDATE mail_inbound SET state = 'inbox' WHERE id = m.id;
    PERFORM pg_notify('ticketty', json_build_object('inbox', m.id, 'kind', 'mail')::text);
    state := 'inbox';
END
$$;

-- ----------------------------------------------------------- the inbox --

-- Locks an inbox mail that is still open (inbox or asked) for the caller,
-- an agent who owns conversations with customers; TT404/TT409 otherwise.
CREATE FUNCTION inbox_lock(p_inbound bigint) RETURNS mail_inbound
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    m mail_inbound;
BEGIN
    PERFORM require_role('engineer', 'csm', 'coo', 'ceo', 'admin');
    SELECT * INTO m FROM mail_inbound WHERE id = p_inbound FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no such inbox mail: %', p_inbound USING ERRCODE = 'TT404';
    ELSIF m.state NOT IN ('inbox', 'asked') THEN
        RAISE EXCEPTION 'inbox mail % is already %', p_inbound, m.state USING ERRCODE = 'TT409';
    END IF;
    RETURN m;
END
$$;

CREATE FUNCTION inbox_done(m mail_inbound, p_state text, p_ticket bigint) RETURNS void
    LANGUAGE sql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
    UPDATE mail_inbound SET state = p_state, ticket_id = coalesce(p_ticket, ticket_id),
           handled_by = current_agent_id(), handled_at = tt_now()
     WHERE id = m.id;
    SELECT pg_notify('ticketty', json_build_object('inbox', m.id, 'kind', 'mail')::text);
$$;

-- What the mail itself gives the intake form: customer, contact, title,
-- description, screenshots (its image attachments), the idempotency key.
CREATE FUNCTION inbox_prefill(p_inbound bigint) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT jsonb_strip_nulls(jsonb_build_object(
        'customer', (SELECT cu.name FROM customers cu WHERE cu.id = m.customer_id),
        'contact', m.from_address,
        'title', nullif(left(btrim(regexp_replace(m.subject, '^\s*((re|fwd?|aw|rv)\s*:\s*)+', '', 'i')), 200), ''),
        'description', nullif(btrim(m.body, E' \t\r\n'), ''),
        'screenshots', (SELECT jsonb_agg('attachment:' || a.id ORDER BY a.id) FROM attachments a
                         WHERE a.inbound_id = m.id AND a.content_type LIKE 'image/%'),
        'idempotency_key', 'mail:' || m.id))
      FROM mail_inbound m WHERE m.id = p_inbound
$$;

-- The intake form's starting point for an inbox mail (for the TUI/CLI).
CREATE FUNCTION api_inbox_prefill(p_inbound bigint) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM require_role('engineer', 'csm', 'coo', 'ceo', 'admin');  -- the sender's address (049)
    RETURN inbox_prefill(p_inbound);
END
$$;

-- Turns an inbox mail into a ticket: the payload's fields over the mail's
-- own (api_ticket_create checks them all; a refusal changes nothing). The
-- ticket's thread starts at the customer's mail, so its first response is
-- a reply to it. Retried: the same ticket (idempotency key mail:ID).
CREATE FUNCTION api_inbox_accept(p_inbound bigint, p_payload jsonb) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    m    mail_inbound;
    v_id bigint;
BEGIN
    SELECT * INTO m FROM mail_inbound WHERE id = p_inbound;
    IF m.state = 'accepted' AND m.ticket_id IS NOT NULL THEN
        RETURN m.ticket_id;
    END IF;
    m := inbox_lock(p_inbound);
    IF p_payload IS NOT NULL AND jsonb_typeof(p_payload) <> 'object' THEN
        RAISE EXCEPTION 'the ticket fields must be a JSON object' USING ERRCODE = 'TT400',
            DETAIL = E'payload\tinvalid\tis not a JSON object';
    END IF;
    v_id := api_ticket_create(inbox_prefill(m.id) || coalesce(p_payload, '{}'));
    UPDATE attachments SET ticket_id = v_id WHERE inbound_id = m.id;
    INSERT INTO mail_threads (ticket_id, root_message_id, last_message_id)
    VALUES (v_id, m.message_id, m.message_id)
    ON CONFLICT (ticket_id) DO NOTHING;
    PERFORM inbox_done(m, 'accepted', v_id);
    RETURN v_id;
END
$$;

-- The intake fields' labels and help in the other language customers
-- write in (intake_fields holds the English; a field without a row here,
-- e.g. one a deployment added, is named in English). They are the client's
-- own Spanish texts (po/es.po): tests/tui/test_inbox_ask_es.sh compares.
CREATE TABLE intake_field_texts (
    name  text REFERENCES intake_fields ON DELETE CASCADE ON UPDATE CASCADE,
    lang  text CHECK (lang IN ('es')),
    label text NOT NULL CHECK (btrim(label) <> ''),
    help  text NOT NULL CHECK (btrim(help) <> ''),
    PRIMARY KEY (name, lang)
);
COMMENT ON TABLE intake_field_texts IS
    'Labels and help of the intake fields in Spanish, for mail to customers who write in it.';

INSERT INTO intake_field_texts (name, lang, label, help) VALUES
('customer', 'es', 'Cliente',
 'La cuenta para la que se abre el ticket.'),
('contact', 'es', 'Contacto solicitante',
 'Quién pide ayuda. Solo pueden abrir tickets los contactos que el cliente ha autorizado como su punto único de contacto.'),
('request_type', 'es', 'Tipo de solicitud',
 'De qué trata la solicitud; decide qué equipo la recibe. Algunos tipos los atiende el representante de cuenta y no son tickets.'),
('reason', 'es', 'Motivo del caso',
 'Por qué se abre el caso: un error, una consulta de uso, una solicitud de personalización o una solicitud de funcionalidad.'),
('severity', 'es', 'Gravedad',
 'Cuánto perjudica el problema al negocio, de 1 Crítica (una emergencia) a 4 Media. Consulte las definiciones y los criterios de cada nivel.'),
('title', 'es', 'Título',
 'Una línea que resuma el problema.'),
('description', 'es', 'Descripción',
 'Qué falla, con todo el detalle posible: qué esperaba, qué ocurrió en su lugar y desde cuándo.'),
('impact', 'es', 'Impacto',
 'Qué le cuesta o le bloquea el problema al cliente ahora mismo (ingresos, campañas, plazos).'),
('object_ids', 'es', 'ID de objetos',
 'Todos los objetos implicados (líneas de pedido, campañas, ubicaciones, creatividades...), al menos uno, separados por comas o espacios.'),
('member_id', 'es', 'ID de miembro',
 'El ID de miembro de la cuenta en la que aparece el problema.'),
('bidder_id', 'es', 'ID de pujador',
 'El ID del pujador, si hay un pujador implicado.'),
('creative_id', 'es', 'ID de creatividad',
 'El ID de la creatividad, si hay una creatividad implicada.'),
('repro_steps', 'es', 'Cómo reproducirlo',
 'Pasos numerados que hacen aparecer el problema, con las páginas de prueba, URL o llamadas utilizadas.'),
('screenshots', 'es', 'Capturas de pantalla',
 'Rutas o URL de capturas de pantalla que muestren el problema; obligatorias siempre que la solicitud afecte a la interfaz de usuario.'),
('browser', 'es', 'Navegador',
 'Nombre del navegador y su versión exacta, p. ej., Firefox 128.0.'),
('os', 'es', 'Sistema operativo',
 'Nombre del sistema operativo y su versión, p. ej., Windows 11 23H2.'),
('phone', 'es', 'Tel. de emergencia',
 'Un número de teléfono en el que se pueda localizar de inmediato al contacto de emergencia; obligatorio para la gravedad 1.');

-- The mandatory intake items an inbox mail cannot carry by itself (what
-- its own fields do not fill in), in form order, named in p_lang (es, else
-- English).
CREATE FUNCTION api_inbox_missing(p_inbound bigint, p_lang text DEFAULT 'en')
    RETURNS TABLE (name text, label text, help text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM current_agent_id();
    IF NOT EXISTS (SELECT 1 FROM mail_inbound m WHERE m.id = p_inbound) THEN
        RAISE EXCEPTION 'no such inbox mail: %', p_inbound USING ERRCODE = 'TT404';
    END IF;
    RETURN QUERY
    WITH pre AS (SELECT inbox_prefill(p_inbound) AS v)
    SELECT f.name, coalesce(x.label, f.label), coalesce(x.help, f.help)
      FROM intake_fields f CROSS JOIN pre
      LEFT JOIN intake_field_texts x ON x.name = f.name AND x.lang = p_lang
     WHERE f.required AND f.applies_when = 'always' AND NOT pre.v ? f.name
     ORDER BY f.position;
END
$$;

-- Answers an inbox mail with the list of mandatory intake items a mail
-- cannot carry by itself, in the contact's language (state asked; the
-- customer's answer comes back to the inbox). Returns the outbox id (NULL:
-- the contact has no address).
CREATE FUNCTION api_inbox_ask(p_inbound bigint) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    m       mail_inbound;
    ct      contacts;
    v_list  text;
    v_id    bigint;
BEGIN
    m := inbox_lock(p_inbound);
    SELECT * INTO ct FROM contacts WHERE id = m.contact_id;
    SELECT string_agg('- ' || f.label || ': ' || f.help, E'\n' ORDER BY f.n) INTO v_list
      FROM api_inbox_missing(m.id, ct.lang) WITH ORDINALITY AS f(name, label, help, n);
    v_id := mail_queue('inbox_ask', ct.lang, ct.name, m.from_address,
                       jsonb_build_object('contact', ct.name, 'subject', m.subject, 'missing', v_list),
                       NULL, NULL, NULL, m.id, false, NULL);
    PERFORM inbox_done(m, 'asked', NULL);
    RETURN v_id;
END
$$;

-- Whom a refusal of an inbox mail names: the customer's authorised
-- contacts ("Name <address>, ..."; NULL when none) and its account
-- representative (NULL when none).
CREATE FUNCTION api_inbox_refusal_names(p_inbound bigint, OUT customer text, OUT spoc text,
                                        OUT rep_name text, OUT rep_email text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM current_agent_id();
    SELECT cu.name,
           (SELECT string_agg(k.name || ' <' || k.email || '>', ', ' ORDER BY k.name)
              FROM contacts k WHERE k.customer_id = cu.id AND k.spoc AND k.active),
           coalesce(cu.account_rep_name, cu.account_rep_email), cu.account_rep_email
      INTO customer, spoc, rep_name, rep_email
      FROM mail_inbound m JOIN customers cu ON cu.id = m.customer_id
     WHERE m.id = p_inbound;
END
$$;

-- Refuses an inbox mail with a templated answer: reason not_spoc (naming
-- the customer's SPOCs) or account_rep (naming the representative and
-- their address). Returns the outbox id.
CREATE FUNCTION api_inbox_refuse(p_inbound bigint, p_reason text) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    m      mail_inbound;
    ct     contacts;
    cu     customers;
    v_who  record;
    v_id   bigint;
BEGIN
    m := inbox_lock(p_inbound);
    SELECT * INTO ct FROM contacts WHERE id = m.contact_id;
    SELECT * INTO cu FROM customers WHERE id = m.customer_id;
    SELECT * INTO v_who FROM api_inbox_refusal_names(m.id);
    IF p_reason = 'not_spoc' THEN
        IF v_who.spoc IS NULL THEN
            RAISE EXCEPTION '% has no authorised contact to name', cu.name USING ERRCODE = 'TT400',
                DETAIL = format(E'reason\tno_spoc\t%s has no authorised single point of contact', cu.name);
        END IF;
        v_id := mail_queue('inbox_refuse_spoc', ct.lang, ct.name, m.from_address,
                           jsonb_build_object('contact', ct.name, 'subject', m.subject,
                                              'customer', cu.name, 'spoc', v_who.spoc),
                           NULL, NULL, NULL, m.id, false, NULL);
    ELSIF p_reason = 'account_rep' THEN
        IF v_who.rep_email IS NULL THEN
            RAISE EXCEPTION '% has no account representative to name', cu.name USING ERRCODE = 'TT400',
                DETAIL = format(E'reason\tno_account_rep\t%s has no account representative', cu.name);
        END IF;
        v_id := mail_queue('inbox_refuse_account_rep', ct.lang, ct.name, m.from_address,
                           jsonb_build_object('contact', ct.name, 'subject', m.subject,
                                              'rep_name', v_who.rep_name,
                                              'rep_email', v_who.rep_email),
                           NULL, NULL, NULL, m.id, false, NULL);
    ELSE
        RAISE EXCEPTION 'unknown refusal reason "%"', p_reason USING ERRCODE = 'TT400',
            DETAIL = format(E'reason\tunknown\tmust be not_spoc or account_rep, not "%s"', p_reason);
    END IF;
    PERFORM inbox_done(m, 'refused', NULL);
    RETURN v_id;
END
$$;

-- Drops an inbox mail without answering (it stays stored, state discarded).
CREATE FUNCTION api_inbox_discard(p_inbound bigint) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM inbox_done(inbox_lock(p_inbound), 'discarded', NULL);
END
$$;

REVOKE ALL ON FUNCTION mail_thread_onto(mail_inbound, bigint) FROM ticketty_agent, PUBLIC;
REVOKE ALL ON FUNCTION inbox_lock(bigint) FROM ticketty_agent, PUBLIC;
REVOKE ALL ON FUNCTION inbox_done(mail_inbound, text, bigint) FROM ticketty_agent, PUBLIC;
REVOKE ALL ON FUNCTION inbox_prefill(bigint) FROM ticketty_agent, PUBLIC;
