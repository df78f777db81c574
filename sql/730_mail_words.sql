-- 730_mail_words.sql: a held mail put on its ticket as a note keeps its
-- facts, not English words; a mail's notes are said in ticket show --json
-- and under the description of a ticket accepted from the inbox.
--   * api_inbox_note (300, 370) wrote "Mail from NAME <ADDRESS>, SUBJECT:"
--     above the mail's text, "(no subject)" and "(no text)" for what was
--     missing, into the note's stored text: a Spanish desk read English
--     there for good. Now the note's text is the customer's alone (a
--     single newline when the mail had none: a comment holds at least one
--     character) and its heading is said by the client in the reader's
--     language from the mail's facts (api_comment_mail_head: the sender's
--     name and address and the subject, NULL when absent). The notes
--     stored before lose the heading they began with when it is exactly
--     the one 300/370 wrote from their mail's own row (and "(no text)" for
--     a mail without text becomes the newline). The heading is made of the
--     same row of the same mail, which never changes: every note
--     api_inbox_note stored begins so (a note that did not would keep
--     its text, the heading then said above it).
--   * The notes kept with a mail (632) come as JSON for ticket show
--     --json: each note's code, its facts and its words in the language
--     the client passes the words of (mail_notes_json; the client gives
--     its gettext words, so they are said as on screen).
--     api_comment_mail_notes_json gives those of the mail a comment was
--     made of, api_ticket_mail_notes(_json) those of the mails accepted
--     into a ticket (api_inbox_accept): said under its description, which
--     was made of their text (the "cut" note is the comment's, never a
--     description's).
-- Replaced whole, as sql/README requires: 370's api_inbox_note.

SELECT set_config('search_path', 'ticketty', true);

-- 370's api_inbox_note, whole: the note's text is the mail's text alone.
-- Puts held mail p_inbound on its ticket as an internal note by the
-- caller; returns the ticket's id (see 300's header). Support staff only
-- (TT403); TT404 for no such mail; TT409 when it is not held or names no
-- ticket.
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
        RAISE EXCEPTION 'inbox mail % is already %', p_inbound, m.state USING ERRCODE = 'TT409';
    ELSIF m.ticket_id IS NULL THEN
        RAISE EXCEPTION 'held mail % names no ticket: only a reply in a ticket''s thread can become its note',
            p_inbound USING ERRCODE = 'TT409';
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

-- The heading 300/370 wrote above the text of held mail m put on a
-- ticket as a note.
CREATE FUNCTION mail_note_old_head(m mail_inbound) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT format(E'Mail from %s <%s>, %s:\n\n', coalesce(nullif(m.from_name, ''), m.from_address),
                  m.from_address, coalesce(nullif(m.subject, ''), '(no subject)'))
$$;

-- The notes stored before: the heading goes when it is exactly the one
-- written from their mail; "(no text)" of a mail without text becomes
-- the newline api_inbox_note now stores.
UPDATE comments c
   SET body = CASE WHEN btrim(m.body, E' \t\r\n') = '' AND substr(c.body, length(mail_note_old_head(m)) + 1) = '(no text)'
                   THEN E'\n'
                   ELSE substr(c.body, length(mail_note_old_head(m)) + 1) END
  FROM mail_inbound m
 WHERE m.comment_id = c.id AND c.kind = 'internal'
   AND left(c.body, length(mail_note_old_head(m))) = mail_note_old_head(m)
   AND length(c.body) > length(mail_note_old_head(m));

-- Who wrote held mail made note p_comment and its subject, for the
-- heading the client says above it: {"name", "address", "subject"}
-- (name and subject left out when the mail had none); NULL for any
-- other comment and for a reader who may not read the note (comments'
-- policy, 049).
CREATE FUNCTION api_comment_mail_head(p_comment bigint) RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
    SELECT jsonb_strip_nulls(jsonb_build_object('name', nullif(i.from_name, ''), 'address', i.from_address,
                                                'subject', nullif(i.subject, '')))
      FROM mail_inbound i JOIN comments c ON c.id = i.comment_id
     WHERE i.comment_id = p_comment AND c.kind = 'internal'
       AND (session_agent_is_support() OR c.author_id = session_agent_id()
            OR EXISTS (SELECT 1 FROM ticket_collaborators k
                        WHERE k.ticket_id = c.ticket_id AND k.agent_id = session_agent_id()))
     ORDER BY i.id LIMIT 1
$$;

-- Notes p_notes (632's form) as JSON: each {"code", its facts ("file",
-- "bytes", "limit"; "length", "mail"), "words"}, the words from p_words
-- ({"mime_broken": text, "file_too_large": format with file, bytes and
-- limit, "cut": format with length, mail and mail}: the client's words in
-- its reader's language); NULL for none.
CREATE FUNCTION mail_notes_json(p_notes jsonb, p_words jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
               'code', n ->> 'note', 'file', n -> 'file', 'bytes', n -> 'bytes', 'limit', n -> 'limit',
               'length', n -> 'length', 'mail', n -> 'mail',
               'words', CASE n ->> 'note'
                   WHEN 'mime_broken' THEN p_words ->> 'mime_broken'
                   WHEN 'file_too_large' THEN format(p_words ->> 'file_too_large', n ->> 'file',
                                                     n ->> 'bytes', n ->> 'limit')
                   WHEN 'cut' THEN format(p_words ->> 'cut', n ->> 'length', n ->> 'mail', n ->> 'mail')
               END)) ORDER BY u.o)
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p_notes) = 'array' THEN p_notes ELSE '[]' END)
           WITH ORDINALITY AS u(n, o)
$$;

-- The notes of the mail comment p_comment was made of, as
-- mail_notes_json says them with p_words; who may read them as
-- api_comment_mail_notes (632).
CREATE FUNCTION api_comment_mail_notes_json(p_comment bigint, p_words jsonb) RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
    SELECT mail_notes_json(i.notes, p_words) FROM mail_inbound i JOIN comments c ON c.id = i.comment_id
     WHERE i.comment_id = p_comment AND i.notes <> '[]'
       AND (c.kind = 'customer' OR session_agent_is_support())
     ORDER BY i.id LIMIT 1
$$;

-- The notes of the mails accepted into ticket p_ticket (its description
-- was made of their text), oldest mail first, "cut" left out: as one
-- jsonb array, and as mail_notes_flat's line; NULL for none. Every agent
-- reads a ticket's description.
CREATE FUNCTION ticket_mail_notes(p_ticket bigint) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT nullif(jsonb_path_query_array(coalesce(jsonb_agg(n ORDER BY i.id, u.o), '[]'),
                                         '$[*] ? (@.note != "cut")'), '[]')
      FROM mail_inbound i
      CROSS JOIN LATERAL jsonb_array_elements(i.notes) WITH ORDINALITY AS u(n, o)
     WHERE i.ticket_id = p_ticket AND i.state = 'accepted' AND i.notes <> '[]'
$$;
CREATE FUNCTION api_ticket_mail_notes(p_ticket bigint) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
    SELECT mail_notes_flat(ticket_mail_notes(p_ticket))
$$;
CREATE FUNCTION api_ticket_mail_notes_json(p_ticket bigint, p_words jsonb) RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
    SELECT mail_notes_json(ticket_mail_notes(p_ticket), p_words)
$$;

REVOKE ALL ON FUNCTION mail_note_old_head(mail_inbound) FROM ticketty_agent, PUBLIC;
REVOKE ALL ON FUNCTION ticket_mail_notes(bigint) FROM ticketty_agent, PUBLIC;
REVOKE ALL ON FUNCTION mail_notes_json(jsonb, jsonb) FROM ticketty_agent, PUBLIC;
GRANT EXECUTE ON FUNCTION api_comment_mail_head(bigint), api_comment_mail_notes_json(bigint, jsonb),
    api_ticket_mail_notes(bigint), api_ticket_mail_notes_json(bigint, jsonb) TO ticketty_agent;
