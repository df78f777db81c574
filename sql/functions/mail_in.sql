-- sql/functions/mail_in.sql: mail from customers: storing, threading onto
-- tickets, the inbox and its answers.
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- api_mail_size_check
-- The largest message `mail receive` may store (max_message_bytes), which
-- it reads the mail against and stops keeping past; with p_bytes, a
-- message of that many bytes that can never be stored is refused (TT400,
-- field message: empty, or larger than the limit), as api_mail_store
-- refuses it: `mail receive` refuses a mail over the limit unparsed and
-- unsent with this refusal. The mail gateway (role mail) or an admin.
CREATE OR REPLACE FUNCTION api_mail_size_check(p_bytes bigint) RETURNS bigint
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_max bigint := mail_setting('max_message_bytes')::bigint;
BEGIN
    PERFORM require_role('mail', 'admin');
    IF p_bytes = 0 THEN
        RAISE EXCEPTION 'the message is empty' USING ERRCODE = 'TT400',
            DETAIL = E'message\trequired\tis empty';
    ELSIF p_bytes > v_max THEN
        RAISE EXCEPTION 'the message is larger than the limit of % bytes', v_max USING ERRCODE = 'TT400',
            DETAIL = format(E'message\ttoo_large\tis %s bytes, more than the limit of %s', p_bytes, v_max);
    END IF;
    RETURN v_max;
END
$$;

--- mail_message_bytes
-- A received message itself, as every route hands it over alike: its raw
-- bytes without what a route adds or changes around it. An mbox first
-- line "From sender date" (Exim's pipe transport writes one by default,
-- message_prefix; a plain pipe, fetchmail or a re-feed from a Maildir
-- does not) is dropped: a first line starting exactly "From " that is no
-- header field (a field named From has a colon after its name, blanks
-- before it allowed by RFC 5322's obsolete syntax). CRLF line ends are
-- LF (SMTP carries CRLF, a local delivery writes LF, and a pipe
-- transport may write either, Exim's use_crlf; a saved .eml fed again by
-- hand often has CRLF: the message is the same). Line ends at the very
-- end are dropped (Exim's message_suffix adds one). Only what tells one
-- delivery from another (api_mail_store): the raw message is kept as it
-- came. Internal.
CREATE OR REPLACE FUNCTION mail_message_bytes(p_raw bytea) RETURNS bytea
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_raw bytea := p_raw;
    v_eol int := position('\x0a'::bytea IN p_raw);
BEGIN
    IF substring(v_raw FROM 1 FOR 5) = '\x46726f6d20'::bytea  -- "From "
       AND v_eol > 0
       AND substring(ltrim(substring(v_raw FROM 5 FOR v_eol - 5), '\x2009'::bytea) FROM 1 FOR 1)
           IS DISTINCT FROM '\x3a'::bytea THEN  -- not "From :", a header field
        v_raw := substring(v_raw FROM v_eol + 1);
    END IF;
    IF position('\x0d0a'::bytea IN v_raw) > 0 THEN
        -- the escape format keeps CR and LF as themselves
        v_raw := decode(replace(encode(v_raw, 'escape'), E'\r\n', E'\n'), 'escape');
    END IF;
    RETURN rtrim(v_raw, '\x0d0a'::bytea);
END
$$;
REVOKE ALL ON FUNCTION mail_message_bytes(bytea) FROM ticketty_agent, PUBLIC;

--- mail_received_digest
-- What tells a redelivery from another message under the same Message-ID
-- (api_mail_store, mail_inbound.received_digest): the SHA-256 of the
-- sender, subject and text as the parser read them, the blanks and line
-- ends at the end of the text left out (a route's added line end,
-- Exim's message_suffix, ends a plain text mail's text; the message on
-- the ticket is trimmed so too, mail_thread_onto). Headers a route adds
-- change none of it. Internal.
CREATE OR REPLACE FUNCTION mail_received_digest(p_from text, p_subject text, p_body text) RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT sha256(convert_to(concat_ws(E'\n', coalesce(p_from, ''), p_subject,
                                       rtrim(coalesce(p_body, ''), E' \t\r\n')), 'UTF8'))
$$;
REVOKE ALL ON FUNCTION mail_received_digest(text, text, text) FROM ticketty_agent, PUBLIC;

--- api_mail_store
-- Stores a received message; returns its id, or NULL when it was stored
-- before (a redelivery: the same message, mail_message_bytes, by
-- whichever route, or the same Message-ID with the same sender, subject
-- and text, mail_received_digest). A message reusing a stored Message-ID
-- with other words is stored under an ID of its own; one without a
-- Message-ID is known by the SHA-256 of the message (mail_message_bytes).
-- The raw message is kept byte for byte as it came (`inbox raw`). Empty
-- or too large: TT400 (never storable: api_mail_size_check). The mail
-- gateway (role mail) or an admin only (`mail receive`, run by the MTA).
CREATE OR REPLACE FUNCTION api_mail_store(p_raw bytea, p_message_id text, p_from text, p_from_name text,
                                          p_subject text, p_in_reply_to text, p_refs text[],
                                          p_auto text, p_body text)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_id      bigint;
    v_msgid   text := btrim(coalesce(p_message_id, ''));
    v_from    text := lower(btrim(p_from));
    v_subject text := left(coalesce(p_subject, ''), 1000);
    v_body    text := coalesce(p_body, '');
    v_message bytea := mail_message_bytes(p_raw);
    v_digest  bytea;
    v_own     text;
    v_own_old text;
BEGIN
    -- the mail gateway or an admin only, and empty or too large: TT400
    PERFORM api_mail_size_check(coalesce(octet_length(p_raw), 0));
    IF v_msgid = '' OR length(v_msgid) > 1000 THEN
        v_msgid := format('<%s@ticketty.no-message-id>', encode(sha256(v_message), 'hex'));
    END IF;
    IF v_from !~ '^[^@\s<>",;]+@[^@\s<>",;]+$' THEN
        v_from := NULL;
    END IF;
    v_digest := mail_received_digest(v_from, v_subject, v_body);
    -- the ID this message is stored under when its own is another's (its
    -- text trimmed at the end as for the digest); before 985 it was made
    -- of the text as it came, and a message stored so is found by that
    v_own := format('<%s@ticketty.reused-message-id>',
                    encode(sha256(convert_to(concat_ws(E'\n', v_msgid, v_from, v_subject,
                                                       rtrim(v_body, E' \t\r\n')), 'UTF8')), 'hex'));
    v_own_old := format('<%s@ticketty.reused-message-id>',
                        encode(sha256(convert_to(concat_ws(E'\n', v_msgid, v_from, v_subject, v_body),
                                                 'UTF8')), 'hex'));
    -- twice at most: the second time when the ID was taken while this
    -- waited (another delivery stored under it and committed)
    FOR attempt IN 1..2 LOOP
        -- the ID is taken by another message: this one gets its own (a row
        -- stored before 470 has no digest: its fields are compared). The
        -- same message is the same, whatever the parser of the day makes
        -- of it (a redelivery after an upgrade that reads some mail
        -- differently is no new message), and whichever route brought it
        IF v_msgid <> v_own AND EXISTS (
               SELECT 1 FROM mail_inbound i
                WHERE i.message_id = v_msgid AND i.raw <> p_raw
                  AND mail_message_bytes(i.raw) <> v_message
                  AND CASE WHEN i.received_digest IS NOT NULL THEN i.received_digest <> v_digest
                           ELSE i.from_address IS DISTINCT FROM v_from OR i.subject <> v_subject
                                OR rtrim(i.body, E' \t\r\n') <> rtrim(v_body, E' \t\r\n') END) THEN
            v_msgid := v_own;
            -- stored under its own ID before 985: a redelivery
            IF EXISTS (SELECT 1 FROM mail_inbound WHERE message_id = v_own_old) THEN
                RETURN NULL;
            END IF;
        END IF;
        INSERT INTO mail_inbound (message_id, raw, from_address, from_name, subject, body,
                                  received_digest, in_reply_to, refs, auto_reason, state)
        VALUES (v_msgid, p_raw, v_from, left(p_from_name, 500), v_subject, v_body, v_digest,
                left(p_in_reply_to, 1000),
                coalesce((SELECT array_agg(left(r, 1000)) FROM unnest(p_refs) r WHERE r <> ''), '{}'),
                p_auto, 'inbox')
        ON CONFLICT (message_id) DO NOTHING
        RETURNING id INTO v_id;
        EXIT WHEN v_id IS NOT NULL OR v_msgid = v_own;
    END LOOP;
    RETURN v_id;
END
$$;

--- file_name_mended
-- A received file's name made safe, as src/mail/names.c makes it: each
-- control, bidi or line separator character (text_unsafe_chars, the
-- class of text_is_unsafe) and each path separator ('/', '\') made '_',
-- no blank at either end, at most 255 characters with the extension
-- kept (a name over 255 characters is cut in its stem: the type a
-- desktop opens it with, what the engineer reads it as), "attachment"
-- when nothing is left, or only "." or "..". A name that needs none of
-- this is left as it is. Used by api_mail_attach and by 951, which mended the names
-- stored before api_message_attach refused bidi and line separator
-- characters.
-- Internal.
CREATE OR REPLACE FUNCTION file_name_mended(p_name text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_name text := btrim(regexp_replace(coalesce(p_name, ''), '[/\\' || text_unsafe_chars() || ']', '_', 'g'));
    v_ext  text := coalesce(substring(v_name FROM '\.[^.\s]{1,16}$'), '');
BEGIN
    IF length(v_name) > 255 THEN
        v_name := left(v_name, 255 - length(v_ext)) || v_ext;
    END IF;
    RETURN CASE WHEN v_name IN ('', '.', '..') THEN 'attachment' ELSE v_name END;
END
$$;
REVOKE ALL ON FUNCTION file_name_mended(text) FROM ticketty_agent, PUBLIC;

--- api_mail_attach
-- Stores one attachment of a stored message; returns its id, or NULL when
-- it is larger than max_attachment_bytes (then the mail's notes say so,
-- file_too_large: the file stays in the raw message only). Its name is
-- made safe (file_name_mended: no path separator, no control, bidi or
-- line separator character, at most 255 characters); a malformed content
-- type is application/octet-stream. The mail gateway or an admin only.
CREATE OR REPLACE FUNCTION api_mail_attach(p_inbound bigint, p_filename text, p_type text, p_data bytea)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_max  bigint := mail_setting('max_attachment_bytes')::bigint;
    v_name text := file_name_mended(p_filename);
    v_type text := lower(coalesce(p_type, ''));
    v_id   bigint;
BEGIN
    PERFORM require_role('mail', 'admin');
    IF v_type !~ '^[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+$' THEN
        v_type := 'application/octet-stream';
    END IF;
    IF octet_length(p_data) > v_max THEN
        UPDATE mail_inbound
           SET notes = notes || jsonb_build_array(jsonb_build_object(
                   'note', 'file_too_large', 'file', v_name,
                   'bytes', octet_length(p_data), 'limit', v_max))
         WHERE id = p_inbound;
        RETURN NULL;
    END IF;
    INSERT INTO attachments (inbound_id, filename, content_type, size, sha256, data)
    VALUES (p_inbound, v_name, v_type, octet_length(p_data), sha256(p_data), p_data)
    RETURNING id INTO v_id;
    RETURN v_id;
END
$$;

--- mail_thread_onto
-- Puts a customer's mail on its ticket: a `customer` comment of its text
-- (the subject in parentheses when the text is blank; cut as
-- mail_text_fit says), the mail's files on the ticket; a waiting_customer
-- ticket resumes (in_progress), a resolved one reopens. The assignee is
-- notified first (ticket.customer_reply), then the change is audited
-- (customer_reply); the ticket's mail thread goes on from this message,
-- and the mail is threaded. Internal (api_mail_route).
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

--- mail_auto_reply_onto
-- Puts an automatic reply (an out-of-office notice, a responder's
-- acknowledgement) that came in a ticket's thread from one of its
-- customer's contacts on the ticket as an internal note: who wrote it and
-- its subject are said above it (api_comment_mail_head), its files go
-- with it, audited as a note with the mail's id and {"auto": reason}.
-- Nothing the customer's mail sent is lost, and it is not taken as their
-- answer: the status stays (a ticket waiting on the customer still
-- waits, a resolved one stays resolved), no customer_reply is audited or
-- notified, and the thread does not go on from it. The mail is threaded
-- with that note. Internal (api_mail_route).
CREATE OR REPLACE FUNCTION mail_auto_reply_onto(m mail_inbound, p_ticket bigint, p_contact contacts)
    RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    t         tickets;
    v_comment bigint;
    v_body    text;
BEGIN
    SELECT * INTO t FROM tickets WHERE id = p_ticket FOR UPDATE;
    v_body := CASE WHEN btrim(m.body, E' \t\r\n') = '' THEN E'\n'
                   ELSE rtrim(m.body, E' \t\r\n') END;
    v_comment := ticket_add_comment(t.id, 'internal', mail_text_fit(v_body, length(v_body), m.id));
    UPDATE attachments SET ticket_id = t.id, comment_id = v_comment WHERE inbound_id = m.id;
    UPDATE tickets SET version = version + 1, updated_at = tt_now() WHERE id = t.id;
    PERFORM audit(t.id, 'note', jsonb_build_object('comment', v_comment, 'mail', m.id, 'auto', m.auto_reason));
    UPDATE mail_inbound
       SET state = 'threaded', ticket_id = t.id, comment_id = v_comment,
           contact_id = p_contact.id, customer_id = p_contact.customer_id
     WHERE id = m.id;
END
$$;
REVOKE ALL ON FUNCTION mail_auto_reply_onto(mail_inbound, bigint, contacts) FROM ticketty_agent, PUBLIC;

--- api_mail_route
-- Decides what a stored message is; returns the state it ends in
-- (threaded, inbox or held) and its ticket (NULL when none). The mail gateway or an admin only.
-- Its thread is the ticket of a message its In-Reply-To or References
-- name (the newest reference first), else the ticket [#ID] in its subject
-- names, from a contact of that ticket's customer (also when the headers
-- name another customer's thread). A duplicate's thread goes on in the
-- ticket that survives it, the same customer's.
-- Held, never answered nor taken as the customer's word (a held mail
-- keeps the ticket it names): the desk's own mail come back (own_mail);
-- auto-replies, bounces and lists (the reason the client gives); a reply
-- to a copy the desk sent its own people (staff_reply: emergency notices
-- and updates, notifications); mail from no known contact with no thread
-- (unknown_sender) or for a closed ticket (closed_ticket); a reply in a
-- thread from anyone but the ticket customer's contacts (thread_stranger).
-- An answer to an inbox_ask message from the address it went to records
-- the mail it answers (answers_id) and takes its place in the inbox (that
-- mail becomes answered), or threads onto the ticket made of it
-- meanwhile. An automatic reply in the thread of an open ticket from a
-- contact of its customer becomes an internal note on it, never the
-- customer's answer (mail_auto_reply_onto). Mail in a thread becomes a
-- comment on its ticket (mail_thread_onto); a contact's mail for a closed ticket, and any other
-- mail from a contact, lands in the inbox.
CREATE OR REPLACE FUNCTION api_mail_route(p_inbound bigint, OUT state text, OUT ticket_id bigint)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    m        mail_inbound;
    ct       contacts;
    v_ticket bigint;
    v_tag    bigint;
    v_hold   text;
    v_on     bigint;
    v_own    boolean;
    v_asked  mail_inbound;
    v_next   mail_inbound;
BEGIN
    PERFORM require_role('mail', 'admin');
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
                       AND o.kind IN ('acknowledgement', 'reply', 'request_info', 'resolution')
                    UNION ALL
                    SELECT i.ticket_id FROM mail_inbound i
                     WHERE i.message_id = r.id AND i.ticket_id IS NOT NULL AND i.id <> m.id) x ON true
     ORDER BY r.n LIMIT 1;
    -- [#ID] in the subject, from a contact of that ticket's customer: the
    -- thread when the headers name none, and also when the thread they
    -- name is another customer's (the sender was copied on it) while the
    -- tag names one of the sender's own customer
    IF v_ticket IS NULL
       OR NOT EXISTS (SELECT 1 FROM tickets t JOIN contacts k ON k.customer_id = t.customer_id
                       WHERE t.id = v_ticket AND k.active AND lower(k.email) = m.from_address) THEN
        v_tag := substring(m.subject FROM '\[#([0-9]{1,18})\]')::bigint;
        IF v_tag IS NOT NULL AND ct.id IS NOT NULL THEN
            SELECT coalesce(t.id, v_ticket) INTO v_ticket FROM (SELECT) one
              LEFT JOIN tickets t ON t.id = v_tag
               AND EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = t.customer_id
                                                     AND lower(k.email) = m.from_address AND k.active);
        END IF;
    END IF;

    -- a ticket closed as a duplicate: its thread carries on in the ticket
    -- that survives it (ticket_surviving, 071), the same customer's
    IF v_ticket IS NOT NULL THEN
        SELECT s.id INTO v_on FROM tickets d JOIN tickets s ON s.id = ticket_surviving(d.id)
         WHERE d.id = v_ticket AND s.customer_id = d.customer_id;
        v_ticket := coalesce(v_on, v_ticket);
    END IF;

    -- the desk's own mail come back (a list that includes the desk's
    -- address, a copy resent to it): never the customer's word
    SELECT o.ticket_id INTO v_on FROM mail_outbox o WHERE o.message_id = m.message_id;
    v_own := FOUND OR m.from_address IN (SELECT lower(p.value) FROM mail_policy p
                                          WHERE p.key IN ('from_address', 'reply_to'));
    IF v_own THEN
        UPDATE mail_inbound SET ticket_id = coalesce(v_on, v_ticket) WHERE id = m.id;
        v_hold := 'own_mail';
        v_ticket := NULL;
    END IF;

    v_hold := coalesce(v_hold, m.auto_reason);
    -- an automatic reply (an out-of-office notice) in the thread of an
    -- open ticket, from a contact of its customer: kept on the ticket as
    -- a note, never taken as the customer's answer (mail_auto_reply_onto)
    IF v_hold IN ('auto_submitted', 'precedence') AND v_ticket IS NOT NULL
       AND EXISTS (SELECT 1 FROM tickets t JOIN contacts k ON k.customer_id = t.customer_id
                    WHERE t.id = v_ticket AND t.status <> 'closed'
                      AND k.active AND lower(k.email) = m.from_address) THEN
        SELECT k.* INTO ct FROM tickets t JOIN contacts k ON k.customer_id = t.customer_id
         WHERE t.id = v_ticket AND k.active AND lower(k.email) = m.from_address
         ORDER BY k.spoc DESC, k.id LIMIT 1;
        PERFORM mail_auto_reply_onto(m, v_ticket, ct);
        state := 'threaded';
        ticket_id := v_ticket;
        RETURN;
    END IF;
    -- an answer to the desk's request for the missing items of an inbox
    -- mail (api_inbox_ask), from the address it was sent to: it goes on
    -- with that mail, or onto the ticket made of it meanwhile
    IF v_hold IS NULL AND v_ticket IS NULL THEN
        SELECT a.* INTO v_asked
          FROM mail_outbox o JOIN mail_inbound a ON a.id = o.inbound_id
         WHERE o.message_id = ANY (m.in_reply_to || m.refs) AND o.kind = 'inbox_ask'
           AND a.from_address = m.from_address AND a.id <> m.id
         ORDER BY o.id DESC LIMIT 1;
        -- answered already (a second answer to the same ask): the
        -- conversation went on in the newest mail that took it over
        FOR i IN 1..50 LOOP
            EXIT WHEN v_asked.id IS NULL OR v_asked.state <> 'answered';
            SELECT b.* INTO v_next FROM mail_inbound b
             WHERE b.answers_id = v_asked.id AND b.id <> m.id ORDER BY b.id DESC LIMIT 1;
            EXIT WHEN v_next.id IS NULL;
            v_asked := v_next;
        END LOOP;
        IF v_asked.id IS NOT NULL THEN
            UPDATE mail_inbound SET answers_id = v_asked.id WHERE id = m.id;
            IF v_asked.state = 'accepted' AND v_asked.ticket_id IS NOT NULL THEN
                SELECT s.id INTO v_on FROM tickets d JOIN tickets s ON s.id = ticket_surviving(d.id)
                 WHERE d.id = v_asked.ticket_id AND s.customer_id = d.customer_id;
                v_ticket := coalesce(v_on, v_asked.ticket_id);
            END IF;
        END IF;
    END IF;
    IF v_hold IS NULL AND v_ticket IS NULL THEN
        -- a reply to a copy the desk sent its own people (emergency notices
        -- and updates to the CSM, the COO and the account representative,
        -- an agent's notification): not the customer's word, never threaded
        SELECT o.ticket_id INTO v_on
          FROM mail_outbox o
         WHERE o.message_id = ANY (m.in_reply_to || m.refs)
           AND o.kind IN ('emergency', 'emergency_update', 'notification')
         ORDER BY o.id DESC LIMIT 1;
        IF FOUND THEN
            v_hold := 'staff_reply';
            UPDATE mail_inbound SET ticket_id = v_on WHERE id = m.id;
        ELSIF ct.id IS NULL THEN
            v_hold := 'unknown_sender';
        END IF;
    END IF;
    IF v_hold IS NULL AND v_ticket IS NOT NULL
       AND (SELECT t.status FROM tickets t WHERE t.id = v_ticket) = 'closed' THEN
        IF ct.id IS NULL THEN
            v_hold := 'closed_ticket';
        END IF;
        UPDATE mail_inbound SET ticket_id = v_ticket WHERE id = m.id;
        v_ticket := NULL;
    END IF;
    -- the thread is the ticket's customer's: a reply in it from anyone
    -- else (a guessed Message-ID, a copy forwarded outside) is held
    IF v_hold IS NULL AND v_ticket IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM tickets t JOIN contacts k ON k.customer_id = t.customer_id
                        WHERE t.id = v_ticket AND k.active AND lower(k.email) = m.from_address) THEN
        v_hold := 'thread_stranger';
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
    -- the mail it answers leaves the inbox: the work goes on with this one
    IF v_asked.state IN ('inbox', 'asked') THEN
        UPDATE mail_inbound SET state = 'answered' WHERE id = v_asked.id;
        PERFORM pg_notify('ticketty', json_build_object('inbox', v_asked.id, 'kind', 'mail')::text);
    END IF;
    state := 'inbox';
END
$$;

--- inbox_lock
-- Locks an inbox mail that is still open (inbox or asked) for the caller,
-- an agent who owns conversations with customers; a mail held only
-- because its sender was unknown comes back into the inbox once the
-- sender is an active contact. TT404 for no such mail; TT400 for held
-- mail (what can be done with it said in one sentence each, so each is
-- translated) and for a mail its sender answered (state answered, code
-- answered: naming the answer to work on) and for mail already accepted,
-- refused or discarded (final: what became of it said).
CREATE OR REPLACE FUNCTION inbox_lock(p_inbound bigint) RETURNS mail_inbound
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    m    mail_inbound;
    ct   contacts;
    v_by bigint;
BEGIN
    PERFORM require_role('engineer', 'csm', 'coo', 'ceo', 'admin');
    SELECT * INTO m FROM mail_inbound WHERE id = p_inbound FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no such inbox mail: %', p_inbound USING ERRCODE = 'TT404';
    END IF;
    IF m.state = 'held' AND m.hold_reason = 'unknown_sender' THEN
        SELECT * INTO ct FROM contacts k
         WHERE lower(k.email) = m.from_address AND k.active
         ORDER BY k.spoc DESC, k.id LIMIT 1;
        IF ct.id IS NOT NULL THEN
            UPDATE mail_inbound SET state = 'inbox', hold_reason = NULL,
                   contact_id = ct.id, customer_id = ct.customer_id
             WHERE id = m.id
            RETURNING * INTO m;
        END IF;
    END IF;
    IF m.state = 'held' THEN
        RAISE EXCEPTION 'inbox mail % is held (%)', p_inbound, m.hold_reason USING ERRCODE = 'TT400',
            -- one whole sentence each, so that each is translated
            DETAIL = CASE
                WHEN m.hold_reason = 'unknown_sender'
                THEN format(E'mail\theld\tis held (%s): add its sender as a contact of their customer first (admin contact add), or discard it', m.hold_reason)
                WHEN m.ticket_id IS NOT NULL
                THEN format(E'mail\theld\tis held (%s): put it on its ticket as an internal note (inbox note) or discard it', m.hold_reason)
                ELSE format(E'mail\theld\tis held (%s): it is never answered or made a ticket; discard it', m.hold_reason) END;
    ELSIF m.state = 'answered' THEN
        SELECT b.id INTO v_by FROM mail_inbound b WHERE b.answers_id = m.id ORDER BY b.id DESC LIMIT 1;
        RAISE EXCEPTION 'inbox mail % was answered by mail %', p_inbound, v_by USING ERRCODE = 'TT400',
            DETAIL = format(E'mail\tanswered\tits sender answered the request for what was missing with mail %s: work on that one, which carries this one''s text', v_by);
    ELSIF m.state NOT IN ('inbox', 'asked') THEN
        -- accepted, refused and discarded are final: no retry mends it
        RAISE EXCEPTION 'inbox mail % is already %', p_inbound, m.state USING ERRCODE = 'TT400',
            DETAIL = CASE
                WHEN m.state = 'accepted' AND m.ticket_id IS NOT NULL
                THEN format(E'mail\taccepted\twas already made ticket %s: work on the ticket', m.ticket_id)
                WHEN m.state = 'accepted'
                THEN E'mail\taccepted\twas already made a ticket'
                WHEN m.state = 'refused'
                THEN E'mail\trefused\twas already refused: its sender was told whom to ask'
                ELSE E'mail\tdiscarded\twas already discarded: nothing more is done with it' END;
    END IF;
    RETURN m;
END
$$;
REVOKE ALL ON FUNCTION inbox_lock(bigint) FROM ticketty_agent, PUBLIC;

--- inbox_done
-- Marks inbox mail m handled by the caller, now: state p_state, and
-- ticket p_ticket when given; the clients hear of it (NOTIFY). Internal.
CREATE OR REPLACE FUNCTION inbox_done(m mail_inbound, p_state text, p_ticket bigint) RETURNS void
    LANGUAGE sql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
    UPDATE mail_inbound SET state = p_state, ticket_id = coalesce(p_ticket, ticket_id),
           handled_by = current_agent_id(), handled_at = tt_now()
     WHERE id = m.id;
    SELECT pg_notify('ticketty', json_build_object('inbox', m.id, 'kind', 'mail')::text);
$$;
REVOKE ALL ON FUNCTION inbox_done(mail_inbound, text, bigint) FROM ticketty_agent, PUBLIC;

--- inbox_prefill
-- What the conversation that ends at p_inbound (inbox_conversation) gives
-- the intake form: customer (the sender's, also when they became a
-- contact after the mail came), contact, the first mail's title (one
-- line, without ticket tags and reply prefixes), every mail's text oldest
-- first (each answer's by inbox_answer_text), the screenshots of all
-- (image attachments), the idempotency key mail:ID, and the known
-- customer's own member ID (a ticket is mostly about the customer's own
-- member): the engineer changes it in the form, or with `inbox accept
-- --set member_id=`, when the mail concerns another member; so it is no
-- item `inbox ask` asks the sender for (api_inbox_missing).
CREATE OR REPLACE FUNCTION inbox_prefill(p_inbound bigint) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    WITH c AS (SELECT f.*, u.n,
                      CASE WHEN u.n = 1 THEN btrim(f.body, E' \t\r\n')
                           ELSE inbox_answer_text(f.body) END AS text
                 FROM unnest(inbox_conversation(p_inbound)) WITH ORDINALITY AS u(id, n)
                 JOIN mail_inbound f ON f.id = u.id)
    SELECT jsonb_strip_nulls(jsonb_build_object(
        'customer', cu.name,
        'member_id', cu.member_id::text,
        'contact', m.from_address,
        -- one line (520): a control character the subject's encoded
        -- words decoded to (an escape, a bell) reads as a space, so the
        -- title the form starts from is one intake takes; without the
        -- tags of tickets ("[#202]") and the reply prefixes (600)
        'title', (SELECT nullif(left(mail_subject_bare(regexp_replace(
                             text_controls_spaced(c.subject),
                             '\s*\[#[0-9]+\]\s*', ' ', 'g')), 200), '')
                    FROM c ORDER BY c.n LIMIT 1),
        'description', (SELECT nullif(string_agg(c.text, E'\n\n---\n\n' ORDER BY c.n)
                                      FILTER (WHERE c.text <> ''), '')
                          FROM c),
        'screenshots', (SELECT jsonb_agg('attachment:' || a.id ORDER BY a.id) FROM attachments a
                         WHERE a.inbound_id IN (SELECT c.id FROM c)
                           AND a.content_type LIKE 'image/%'),
        'idempotency_key', 'mail:' || m.id))
      FROM mail_inbound m
      LEFT JOIN customers cu
        ON cu.id = coalesce(m.customer_id,
                            (SELECT k.customer_id FROM contacts k
                              WHERE lower(k.email) = m.from_address AND k.active
                              ORDER BY k.spoc DESC, k.id LIMIT 1))
     WHERE m.id = p_inbound
$$;
REVOKE ALL ON FUNCTION inbox_prefill(bigint) FROM ticketty_agent, PUBLIC;

--- api_inbox_prefill
-- The intake form's starting point for an inbox mail (for the TUI/CLI).
CREATE OR REPLACE FUNCTION api_inbox_prefill(p_inbound bigint) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM require_role('engineer', 'csm', 'coo', 'ceo', 'admin');  -- the sender's address (049)
    RETURN inbox_prefill(p_inbound);
END
$$;

--- api_inbox_accept
-- Turns an inbox mail, with the mails it took over, into one ticket: the
-- payload's fields over the conversation's own (inbox_prefill;
-- api_ticket_create checks them all; a refusal changes nothing), the files
-- of all on it, each mail accepted into it. The ticket's thread starts
-- with the whole conversation: each mail's Message-ID, the desk's requests
-- for the missing items after the mail they asked about, this one last
-- (its first response answers this mail). The new ticket is linked
-- (related) to its customer's closed tickets the conversation's mails
-- answer. Retried: the same ticket (idempotency key mail:ID). Support
-- staff only, as api_ticket_create: a pm or developer is refused saying
-- why (intake_filer), even for a mail accepted already.
CREATE OR REPLACE FUNCTION api_inbox_accept(p_inbound bigint, p_payload jsonb) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    m       mail_inbound;
    v_id    bigint;
    v_mails bigint[];
    v_old   bigint;
BEGIN
    PERFORM intake_filer();
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
    v_mails := inbox_conversation(m.id);   -- oldest first, m last
    -- the closed tickets the mails answer, the new ticket's customer's
    FOR v_old IN
        SELECT DISTINCT o.id FROM mail_inbound f
          JOIN tickets o ON o.id = f.ticket_id
          JOIN tickets n ON n.id = v_id
         WHERE f.id = ANY (v_mails) AND f.state IN ('inbox', 'asked', 'answered')
           AND o.status = 'closed' AND o.customer_id = n.customer_id
         ORDER BY o.id
    LOOP
        PERFORM api_ticket_link(v_id, v_old, 'related', NULL);
    END LOOP;
    UPDATE attachments SET ticket_id = v_id
     WHERE inbound_id = m.id OR (inbound_id = ANY (v_mails) AND ticket_id IS NULL);
    -- its thread: each mail of the conversation, the desk's requests for
    -- the missing items after the mail they asked about, this one last
    INSERT INTO mail_threads (ticket_id, root_message_id, last_message_id, chain)
    SELECT v_id, (SELECT f.message_id FROM mail_inbound f WHERE f.id = v_mails[1]), m.message_id,
           array_agg(x.message_id ORDER BY x.n, x.o)
      FROM (SELECT f.message_id, u.n, 0::bigint AS o
              FROM unnest(v_mails) WITH ORDINALITY AS u(id, n) JOIN mail_inbound f ON f.id = u.id
            UNION ALL
            SELECT o.message_id, u.n, o.id
              FROM unnest(v_mails) WITH ORDINALITY AS u(id, n)
              JOIN mail_outbox o ON o.inbound_id = u.id AND o.kind = 'inbox_ask'
                                 AND o.state <> 'suppressed'
             WHERE u.id <> m.id) x
    ON CONFLICT (ticket_id) DO NOTHING;
    UPDATE mail_inbound SET state = 'accepted', ticket_id = v_id,
           handled_by = current_agent_id(), handled_at = tt_now()
     WHERE id = ANY (v_mails) AND id <> m.id;
    PERFORM inbox_done(m, 'accepted', v_id);
    RETURN v_id;
END
$$;

--- api_inbox_missing
-- The mandatory intake items an inbox mail cannot carry by itself (what
-- its own fields do not fill in), in form order, named in p_lang (es, else
-- English). Support staff only, as the inbox.
CREATE OR REPLACE FUNCTION api_inbox_missing(p_inbound bigint, p_lang text DEFAULT 'en')
    RETURNS TABLE (name text, label text, help text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM require_role('engineer', 'csm', 'coo', 'ceo', 'admin');
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

--- api_inbox_ask
-- Answers an inbox mail with the list of mandatory intake items a mail
-- cannot carry by itself, in the contact's language (state asked; the
-- customer's answer comes back to the inbox), each asked for in words for
-- the customer (intake_field_asks, 980), never with the form's help for
-- the engineer: a field without such words is named by its label alone.
-- Returns the outbox id (NULL: the contact has no address).
CREATE OR REPLACE FUNCTION api_inbox_ask(p_inbound bigint) RETURNS bigint
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
    SELECT string_agg('- ' || coalesce(q.label, f.label) || coalesce(': ' || q.ask, ''), E'\n'
                      ORDER BY f.n) INTO v_list
      FROM api_inbox_missing(m.id, ct.lang) WITH ORDINALITY AS f(name, label, help, n)
      LEFT JOIN intake_field_asks q ON q.name = f.name AND q.lang = coalesce(ct.lang, 'en');
    v_id := mail_queue('inbox_ask', ct.lang, ct.name, m.from_address,
                       jsonb_build_object('contact', ct.name, 'subject', m.subject, 'missing', v_list),
                       NULL, NULL, NULL, m.id, false, NULL);
    PERFORM inbox_done(m, 'asked', NULL);
    RETURN v_id;
END
$$;

--- api_inbox_refusal_names
-- Whom a refusal of an inbox mail names: the customer's authorised
-- contacts ("Name <address>, ..."; NULL when none) and its account
-- representative (NULL when none). Support staff only (contacts, 049).
CREATE OR REPLACE FUNCTION api_inbox_refusal_names(p_inbound bigint, OUT customer text, OUT spoc text,
                                                   OUT rep_name text, OUT rep_email text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM require_role('engineer', 'csm', 'coo', 'ceo', 'admin');
    SELECT cu.name,
           (SELECT string_agg(k.name || ' <' || k.email || '>', ', ' ORDER BY k.name)
              FROM contacts k WHERE k.customer_id = cu.id AND k.spoc AND k.active),
           coalesce(cu.account_rep_name, cu.account_rep_email), cu.account_rep_email
      INTO customer, spoc, rep_name, rep_email
      FROM mail_inbound m JOIN customers cu ON cu.id = m.customer_id
     WHERE m.id = p_inbound;
END
$$;

--- api_inbox_refuse
-- Refuses an inbox mail with a templated answer in the contact's
-- language: reason not_spoc (naming the customer's SPOCs as a choice,
-- names_or; refused when the sender is one of them or there is none) or
-- account_rep (naming the representative and their address; refused when
-- there is none). Returns the outbox id.
CREATE OR REPLACE FUNCTION api_inbox_refuse(p_inbound bigint, p_reason text) RETURNS bigint
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
        IF ct.spoc AND ct.active THEN
            RAISE EXCEPTION '% is an authorised contact of %', m.from_address, cu.name USING ERRCODE = 'TT400',
                DETAIL = format(E'reason\tis_spoc\t%s is an authorised single point of contact of %s: accept the mail instead',
                                m.from_address, cu.name);
        END IF;
        IF v_who.spoc IS NULL THEN
            RAISE EXCEPTION '% has no authorised contact to name', cu.name USING ERRCODE = 'TT400',
                DETAIL = format(E'reason\tno_spoc\t%s has no authorised single point of contact', cu.name);
        END IF;
        v_id := mail_queue('inbox_refuse_spoc', ct.lang, ct.name, m.from_address,
                           jsonb_build_object('contact', ct.name, 'subject', m.subject,
                                              'customer', cu.name,
                                              'spoc', names_or(ARRAY(
                                                  SELECT k.name || ' <' || k.email || '>' FROM contacts k
                                                   WHERE k.customer_id = cu.id AND k.spoc AND k.active
                                                   ORDER BY k.name), ct.lang)),
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

--- api_inbox_discard
-- Drops an inbox or held mail without answering (it stays stored, state
-- discarded).
CREATE OR REPLACE FUNCTION api_inbox_discard(p_inbound bigint) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    m mail_inbound;
BEGIN
    PERFORM require_role('engineer', 'csm', 'coo', 'ceo', 'admin');
    SELECT * INTO m FROM mail_inbound WHERE id = p_inbound FOR UPDATE;
    IF FOUND AND m.state = 'held' THEN
        UPDATE mail_inbound SET hold_reason = NULL, state = 'discarded',
               handled_by = current_agent_id(), handled_at = tt_now()
         WHERE id = m.id;
        PERFORM pg_notify('ticketty', json_build_object('inbox', m.id, 'kind', 'mail')::text);
        RETURN;
    END IF;
    PERFORM inbox_done(inbox_lock(p_inbound), 'discarded', NULL);
END
$$;

--- api_inbox_note
-- Puts held mail p_inbound on its ticket as an internal note by the
-- caller (what a reply held from a ticket's thread says may still matter
-- to whoever works it): the note's text is the mail's text alone (cut as
-- mail_text_fit says), the mail's files go with it, the mail becomes
-- threaded with that note, audited on the ticket as a note with the
-- mail's id. Returns the ticket's id. Support staff only (TT403); TT404
-- for no such mail; TT400 when it is not held or names no ticket.
CREATE OR REPLACE FUNCTION api_inbox_note(p_inbound bigint) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    m         mail_inbound;
    t         tickets;
    v_comment bigint;
    v_text    text;
BEGIN
    PERFORM require_role('engineer', 'csm', 'coo', 'ceo', 'admin');
    SELECT * INTO m FROM mail_inbound WHERE id = p_inbound FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no such inbox mail: %', p_inbound USING ERRCODE = 'TT404';
    ELSIF m.state <> 'held' THEN
        RAISE EXCEPTION 'inbox mail % is already %', p_inbound, m.state USING ERRCODE = 'TT400',
            DETAIL = E'mail\tnot_held\tis not held: only held mail becomes an internal note';
    ELSIF m.ticket_id IS NULL THEN
        RAISE EXCEPTION 'held mail % names no ticket: only a reply in a ticket''s thread can become its note',
            p_inbound USING ERRCODE = 'TT400',
            DETAIL = E'mail\tno_ticket\tnames no ticket: only a reply in a ticket''s thread can become its note';
    END IF;
    t := ticket_lock(m.ticket_id, NULL);
    v_text := CASE WHEN btrim(m.body, E' \t\r\n') = '' THEN E'\n'
                   ELSE rtrim(m.body, E' \t\r\n') END;
    v_comment := ticket_add_comment(t.id, 'internal', mail_text_fit(v_text, length(v_text), m.id));
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

--- mail_text_fit
-- p_text as a comment's body: whole when it fits in 100000 characters,
-- else its first 100000, and mail p_mail (whose text is p_mail_len
-- characters long) notes that the message made of it was cut ({"note":
-- "cut", ...}: said under the message in the reader's language).
CREATE OR REPLACE FUNCTION mail_text_fit(p_text text, p_mail_len int, p_mail bigint) RETURNS text
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF length(p_text) <= 100000 THEN
        RETURN p_text;
    END IF;
    UPDATE mail_inbound
       SET notes = notes || jsonb_build_array(jsonb_build_object('note', 'cut', 'length', p_mail_len,
                                                                 'mail', p_mail))
     WHERE id = p_mail;
    RETURN left(p_text, 100000);
END
$$;
REVOKE ALL ON FUNCTION mail_text_fit(text, int, bigint) FROM ticketty_agent, PUBLIC;

--- inbox_conversation
-- The mails of the conversation that ends at p_inbound, oldest first: each
-- mail it took over (answers_id, state answered) one before the other (at
-- most 50), then p_inbound itself, last. NULL when there is no such mail.
CREATE OR REPLACE FUNCTION inbox_conversation(p_inbound bigint) RETURNS bigint[]
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    WITH RECURSIVE c (id, answers_id, depth) AS (
        SELECT m.id, m.answers_id, 1 FROM mail_inbound m WHERE m.id = p_inbound
        UNION ALL
        SELECT a.id, a.answers_id, c.depth + 1
          FROM c JOIN mail_inbound a ON a.id = c.answers_id
         WHERE a.state = 'answered' AND c.depth < 50
    )
    SELECT array_agg(c.id ORDER BY c.depth DESC) FROM c
$$;
REVOKE ALL ON FUNCTION inbox_conversation(bigint) FROM ticketty_agent, PUBLIC;

--- inbox_answer_text
-- p_body without the desk's mail quoted at its end: a trailing run of ">"
-- lines with the line that introduces it ("... wrote:", in several
-- languages), or, below words of the customer's own, an Outlook header
-- block naming the desk's From address with the rule or "Original
-- Message" line above it. The body (blanks trimmed) when nothing of the
-- customer's own is left.
CREATE OR REPLACE FUNCTION inbox_answer_text(p_body text) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_lines text[] := string_to_array(p_body, E'\n');
    v_n     int := coalesce(array_length(v_lines, 1), 0);
    v_desk  text := lower(mail_setting('from_address'));
    v_cut   int;
    v_k     int;
    v_seen  boolean := false;
    v_out   text;
BEGIN
    v_cut := v_n + 1;
    -- a trailing run of ">" lines (blank lines among them)
    v_k := v_n;
    WHILE v_k >= 1 AND btrim(v_lines[v_k], E' \t\r') = '' LOOP
        v_k := v_k - 1;
    END LOOP;
    IF v_k >= 1 AND ltrim(v_lines[v_k], E' \t') LIKE '>%' THEN
        WHILE v_k >= 1 AND (ltrim(v_lines[v_k], E' \t') LIKE '>%' OR btrim(v_lines[v_k], E' \t\r') = '') LOOP
            v_k := v_k - 1;
        END LOOP;
        v_cut := v_k + 1;
        -- the line that introduces it ("... wrote:", "... escribió:"),
        -- and the line above when the client wrapped it
        IF v_k >= 1 AND btrim(v_lines[v_k], E' \t\r')
               ~* '(wrote|escribió|escribio|a écrit ?|schrieb|ha scritto|escreveu|skrev|schreef):$' THEN
            v_cut := v_k;
            IF v_k >= 2 AND btrim(v_lines[v_k], E' \t\r') !~ '^(On|El|Le|Am|Il|Em|Op|Den) '
               AND btrim(v_lines[v_k - 1], E' \t\r') ~ '^(On|El|Le|Am|Il|Em|Op|Den) ' THEN
                v_cut := v_k - 1;
            END IF;
        END IF;
    END IF;
    -- Outlook's header block of the desk's mail, below words of the
    -- customer's own
    FOR i IN 1 .. v_cut - 1 LOOP
        IF v_seen AND btrim(v_lines[i], E' \t\r') ~* '^\*?(from|de):\*?\s'
           AND strpos(lower(v_lines[i]), v_desk) > 0 THEN
            v_cut := i;
            IF i >= 2 AND (btrim(v_lines[i - 1], E' \t\r') ~ '^_{10,}$'
                           OR btrim(v_lines[i - 1], E' \t\r') ~* '^-----.*(original message|mensaje original)') THEN
                v_cut := i - 1;
            END IF;
            EXIT;
        END IF;
        v_seen := v_seen OR btrim(v_lines[i], E' \t\r') <> '';
    END LOOP;
    v_out := btrim(array_to_string(v_lines[1:v_cut - 1], E'\n'), E' \t\r\n');
    RETURN CASE WHEN v_out = '' THEN btrim(p_body, E' \t\r\n') ELSE v_out END;
END
$$;
REVOKE ALL ON FUNCTION inbox_answer_text(text) FROM ticketty_agent, PUBLIC;

--- names_or
-- The names as a choice in language lang: NULL for none, the one name,
-- "A or B", "A, B or C" (es "A, B o C"; "u" before an o sound).
CREATE OR REPLACE FUNCTION names_or(p_names text[], p_lang text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT CASE coalesce(cardinality(p_names), 0)
        WHEN 0 THEN NULL
        WHEN 1 THEN p_names[1]
        ELSE array_to_string(p_names[1:cardinality(p_names) - 1], ', ')
             || CASE WHEN p_lang = 'es' AND p_names[cardinality(p_names)] ~* '^h?[oó]' THEN ' u '
                     WHEN p_lang = 'es' THEN ' o '
                     ELSE ' or ' END
             || p_names[cardinality(p_names)]
    END
$$;
REVOKE ALL ON FUNCTION names_or(text[], text) FROM ticketty_agent, PUBLIC;
