-- sql/functions/mail_notes.sql: the mail notes of a ticket (what was sent and
-- received, as the timeline shows it).
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- mail_notes_flat
-- The notes as one line: each note's code, file, bytes, limit, length
-- and mail split by US (x1f), the notes by RS (x1e); NULL for none. The
-- file names were made control-free by api_mail_attach.
CREATE OR REPLACE FUNCTION mail_notes_flat(p_notes jsonb) RETURNS text
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
REVOKE ALL ON FUNCTION mail_notes_flat(jsonb) FROM ticketty_agent, PUBLIC;

--- api_mail_notes
-- The notes of received mail p_inbound, by mail_notes_flat, "cut" left
-- out (it concerns the message made of the mail, not the mail); NULL for
-- none. For agents who may read mail: support staff (the policy on
-- mail_inbound, 060).
CREATE OR REPLACE FUNCTION api_mail_notes(p_inbound bigint) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
    SELECT mail_notes_flat(jsonb_path_query_array(i.notes, '$[*] ? (@.note != "cut")'))
      FROM mail_inbound i
     WHERE i.id = p_inbound AND i.notes <> '[]' AND session_agent_is_support()
$$;
GRANT EXECUTE ON FUNCTION api_mail_notes(bigint) TO ticketty_agent;

--- api_comment_mail_notes
-- The notes of the mail comment p_comment was made of (mail_thread_onto,
-- api_inbox_note), by mail_notes_flat; NULL for none. For every agent
-- when it is the customer's message (every role reads the customer's
-- mail on tickets, docs/access.md), else (a held mail put on a ticket as
-- an internal note) for support staff.
CREATE OR REPLACE FUNCTION api_comment_mail_notes(p_comment bigint) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
    SELECT mail_notes_flat(i.notes) FROM mail_inbound i JOIN comments c ON c.id = i.comment_id
     WHERE i.comment_id = p_comment AND i.notes <> '[]'
       AND (c.kind = 'customer' OR session_agent_is_support())
     ORDER BY i.id LIMIT 1
$$;
GRANT EXECUTE ON FUNCTION api_comment_mail_notes(bigint) TO ticketty_agent;

--- api_mail_note
-- Records note p_note of stored mail p_inbound, one the client makes
-- as it reads the mail: mime_broken (its MIME structure is broken),
-- mime_deep (its parts are nested deeper than the parser reads them),
-- calendar_only (a calendar invitation and no words), header_too_long (a
-- header longer than the client reads: only its start was read); the
-- mail bot's, in the transaction that stores the mail.
CREATE OR REPLACE FUNCTION api_mail_note(p_inbound bigint, p_note text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM require_role('mail', 'admin');
    IF p_note IS NULL OR p_note NOT IN ('mime_broken', 'mime_deep', 'calendar_only', 'header_too_long') THEN
        RAISE EXCEPTION 'unknown mail note "%"', p_note USING ERRCODE = 'TT400',
            DETAIL = E'note\tunknown\tmust be mime_broken, mime_deep, calendar_only or header_too_long';
    END IF;
    UPDATE mail_inbound SET notes = notes || jsonb_build_array(jsonb_build_object('note', p_note))
     WHERE id = p_inbound;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no such mail: %', p_inbound USING ERRCODE = 'TT404';
    END IF;
END
$$;
GRANT EXECUTE ON FUNCTION api_mail_note(bigint, text) TO ticketty_agent;

--- mail_note_old_head
-- The heading api_inbox_note wrote (300, 370) above the text of held mail
-- m put on a ticket as a note, until 730's data step took it off the
-- notes (731's looks for it too).
CREATE OR REPLACE FUNCTION mail_note_old_head(m mail_inbound) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT format(E'Mail from %s <%s>, %s:\n\n', coalesce(nullif(m.from_name, ''), m.from_address),
                  m.from_address, coalesce(nullif(m.subject, ''), '(no subject)'))
$$;
REVOKE ALL ON FUNCTION mail_note_old_head(mail_inbound) FROM ticketty_agent, PUBLIC;

--- api_comment_mail_head
-- Who wrote held mail made note p_comment and its subject, for the
-- heading the client says above it: {"name", "address", "subject"}
-- (name and subject left out when the mail had none); NULL for any
-- other comment and for a reader who may not read the note (comments'
-- policy, 049).
CREATE OR REPLACE FUNCTION api_comment_mail_head(p_comment bigint) RETURNS jsonb
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
GRANT EXECUTE ON FUNCTION api_comment_mail_head(bigint) TO ticketty_agent;

--- mail_notes_json
-- Notes p_notes (632's form) as JSON: each {"code", its facts ("file",
-- "bytes", "limit"; "length", "mail"), "words"}, the words from p_words
-- ({"mime_broken", "mime_deep", "calendar_only", "header_too_long": text, "file_too_large":
-- format with file, bytes and limit, "cut": format with length, mail and
-- mail}: the client's words in its reader's language); NULL for none.
CREATE OR REPLACE FUNCTION mail_notes_json(p_notes jsonb, p_words jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
               'code', n ->> 'note', 'file', n -> 'file', 'bytes', n -> 'bytes', 'limit', n -> 'limit',
               'length', n -> 'length', 'mail', n -> 'mail',
               'words', CASE n ->> 'note'
                   WHEN 'mime_broken' THEN p_words ->> 'mime_broken'
                   WHEN 'mime_deep' THEN p_words ->> 'mime_deep'
                   WHEN 'calendar_only' THEN p_words ->> 'calendar_only'
                   WHEN 'header_too_long' THEN p_words ->> 'header_too_long'
                   WHEN 'file_too_large' THEN format(p_words ->> 'file_too_large', n ->> 'file',
                                                     n ->> 'bytes', n ->> 'limit')
                   WHEN 'cut' THEN format(p_words ->> 'cut', n ->> 'length', n ->> 'mail', n ->> 'mail')
               END)) ORDER BY u.o)
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p_notes) = 'array' THEN p_notes ELSE '[]' END)
           WITH ORDINALITY AS u(n, o)
$$;
REVOKE ALL ON FUNCTION mail_notes_json(jsonb, jsonb) FROM ticketty_agent, PUBLIC;

--- api_comment_mail_notes_json
-- The notes of the mail comment p_comment was made of, as
-- mail_notes_json says them with p_words; who may read them as
-- api_comment_mail_notes (632).
CREATE OR REPLACE FUNCTION api_comment_mail_notes_json(p_comment bigint, p_words jsonb) RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
    SELECT mail_notes_json(i.notes, p_words) FROM mail_inbound i JOIN comments c ON c.id = i.comment_id
     WHERE i.comment_id = p_comment AND i.notes <> '[]'
       AND (c.kind = 'customer' OR session_agent_is_support())
     ORDER BY i.id LIMIT 1
$$;
GRANT EXECUTE ON FUNCTION api_comment_mail_notes_json(bigint, jsonb) TO ticketty_agent;

--- ticket_mail_notes
-- The notes of the mails accepted into ticket p_ticket (its description
-- was made of their text), oldest mail first, "cut" left out, as one
-- jsonb array; NULL for none. Internal.
CREATE OR REPLACE FUNCTION ticket_mail_notes(p_ticket bigint) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT nullif(jsonb_path_query_array(coalesce(jsonb_agg(n ORDER BY i.id, u.o), '[]'),
                                         '$[*] ? (@.note != "cut")'), '[]')
      FROM mail_inbound i
      CROSS JOIN LATERAL jsonb_array_elements(i.notes) WITH ORDINALITY AS u(n, o)
     WHERE i.ticket_id = p_ticket AND i.state = 'accepted' AND i.notes <> '[]'
$$;
REVOKE ALL ON FUNCTION ticket_mail_notes(bigint) FROM ticketty_agent, PUBLIC;

--- api_ticket_mail_notes
-- ticket_mail_notes as mail_notes_flat's line, for every agent (every
-- agent reads a ticket's description).
CREATE OR REPLACE FUNCTION api_ticket_mail_notes(p_ticket bigint) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
    SELECT mail_notes_flat(ticket_mail_notes(p_ticket))
$$;
GRANT EXECUTE ON FUNCTION api_ticket_mail_notes(bigint) TO ticketty_agent;

--- api_ticket_mail_notes_json
-- ticket_mail_notes as mail_notes_json says them with p_words, for every
-- agent.
CREATE OR REPLACE FUNCTION api_ticket_mail_notes_json(p_ticket bigint, p_words jsonb) RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
    SELECT mail_notes_json(ticket_mail_notes(p_ticket), p_words)
$$;
GRANT EXECUTE ON FUNCTION api_ticket_mail_notes_json(bigint, jsonb) TO ticketty_agent;
