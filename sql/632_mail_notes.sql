-- 632_mail_notes.sql: what ticketty notes about a received mail is kept
-- apart from the mail's text and said in the reader's language.
--   * Two notes were appended to the stored text of a received mail, in
--     English whatever the desk's language: "[this mail's MIME structure
--     is broken: ...]" (the client, src/mail/parse.c) and "[attachment
--     "x" (N bytes) is larger than the limit of M bytes: ...]"
--     (api_mail_attach, 062). They then stood in the customer's words:
--     in the inbox, in the message on the ticket, in the intake form.
--   * Now the text is the customer's alone, and the notes are data:
--     mail_inbound.notes, a JSON array of {"note": code, ...}:
--       mime_broken     the mail's MIME structure is broken (its text was
--                       read as it came; the raw message is kept whole);
--       file_too_large  "file", "bytes", "limit": a file over
--                       max_attachment_bytes, left in the raw message;
--       cut             "length", "mail": the message made of the mail on
--                       its ticket holds its first 100000 characters of
--                       "length" (mail_text_fit, 370): all of it is kept
--                       with the mail (ticketty inbox show ID). Said under
--                       that message only: the mail itself is whole.
--     The client says them in its reader's language (gettext, en and es)
--     where the mail is shown (inbox show, the inbox screen) and under the
--     message made of it on its ticket (the timeline, ticket show): the
--     stored mail stays as it came, and the timeline reads in both
--     languages. mail_notes_flat gives them in one line the client reads
--     (records split by RS, fields by US); api_mail_notes those of a mail
--     (support staff, who read mail), api_comment_mail_notes those of the
--     mail a comment was made of (every agent who reads the customer's
--     mail on tickets).
--   * api_mail_note (new) records a note the client makes (mime_broken);
--     api_mail_attach (062) records file_too_large instead of appending a
--     line, and mail_text_fit (370) cut instead of ending the message with
--     "[cut here: ...]"; both are replaced whole. Mail stored before keeps
--     its text as it was (notes included) and no notes.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE mail_inbound ADD COLUMN notes jsonb NOT NULL DEFAULT '[]'
    CHECK (jsonb_typeof(notes) = 'array');
COMMENT ON COLUMN mail_inbound.notes IS
    'What ticketty notes about the mail, said in the reader''s language: [{"note": "mime_broken"}, {"note": "file_too_large", "file", "bytes", "limit"}, {"note": "cut", "length", "mail"}] (632).';

-- The notes as one line: each note's code, file, bytes, limit, length
-- and mail split by US (x1f), the notes by RS (x1e); NULL for none. The
-- file names were made control-free by api_mail_attach.
CREATE FUNCTION mail_notes_flat(p_notes jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT string_agg(concat_ws(E'\x1f', coalesce(n ->> 'note', ''), coalesce(n ->> 'file', ''),
                                coalesce(n ->> 'bytes', ''), coalesce(n ->> 'limit', ''),
                                coalesce(n ->> 'length', ''), coalesce(n ->> 'mail', '')),
                      E'\x1e' ORDER BY u.o)
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p_notes) = 'array' THEN p_notes ELSE '[]' END)
           WITH ORDINALITY AS u(n, o)
$$;

-- The notes of received mail p_inbound, and of the mail comment
-- p_comment was made of (mail_thread_onto, api_inbox_note), by
-- mail_notes_flat; NULL for none. A mail's are for agents who may read
-- mail (the policy on mail_inbound, 060); a comment's for every agent
-- when it is the customer's message (every role reads the customer's
-- mail on tickets, docs/access.md), else (a held mail put on a ticket
-- as an internal note) for support staff.
CREATE FUNCTION api_mail_notes(p_inbound bigint) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
    SELECT mail_notes_flat(jsonb_path_query_array(i.notes, '$[*] ? (@.note != "cut")'))
      FROM mail_inbound i
     WHERE i.id = p_inbound AND i.notes <> '[]' AND session_agent_is_support()
$$;
CREATE FUNCTION api_comment_mail_notes(p_comment bigint) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
    SELECT mail_notes_flat(i.notes) FROM mail_inbound i JOIN comments c ON c.id = i.comment_id
     WHERE i.comment_id = p_comment AND i.notes <> '[]'
       AND (c.kind = 'customer' OR session_agent_is_support())
     ORDER BY i.id LIMIT 1
$$;

-- Records note p_note (mime_broken) of stored mail p_inbound: the mail
-- bot's, in the transaction that stores the mail.
CREATE FUNCTION api_mail_note(p_inbound bigint, p_note text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM require_role('admin');
    IF p_note IS DISTINCT FROM 'mime_broken' THEN
        RAISE EXCEPTION 'unknown mail note "%"', p_note USING ERRCODE = 'TT400',
            DETAIL = E'note\tunknown\tmust be mime_broken';
    END IF;
    UPDATE mail_inbound SET notes = notes || jsonb_build_array(jsonb_build_object('note', p_note))
     WHERE id = p_inbound;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no such mail: %', p_inbound USING ERRCODE = 'TT404';
    END IF;
END
$$;

-- 062's api_mail_attach, whole: a file over the limit is a note
-- (file_too_large), not a line of the mail's text.
-- Stores one attachment of a stored message; returns its id, or NULL when
-- it is larger than max_attachment_bytes (then the mail's notes say so:
-- the file stays in the raw message only).
CREATE OR REPLACE FUNCTION api_mail_attach(p_inbound bigint, p_filename text, p_type text, p_data bytea)
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

-- 370's mail_text_fit, whole: a text cut to fit a comment no longer ends
-- with an English line; the mail's notes say it was cut (cut, see the
-- header), under the message in the reader's language.
-- p_text as a comment's body: whole when it fits in 100000 characters,
-- else its first 100000, and mail p_mail (whose text is p_mail_len
-- characters long) notes that the message made of it was cut.
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

REVOKE ALL ON FUNCTION mail_notes_flat(jsonb) FROM ticketty_agent, PUBLIC;
REVOKE ALL ON FUNCTION mail_text_fit(text, int, bigint) FROM ticketty_agent, PUBLIC;
GRANT EXECUTE ON FUNCTION api_mail_note(bigint, text), api_mail_notes(bigint),
    api_comment_mail_notes(bigint) TO ticketty_agent;
