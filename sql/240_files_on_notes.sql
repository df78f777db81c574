-- 240_files_on_notes.sql: files on an internal note. An engineer could
-- send the customer a file (220) but not keep one for the desk: the log
-- excerpt for the developers, the screenshot of an internal tool. Every
-- agent who writes a note (developers and product managers too) may now
-- attach files to it; they stay on the ticket and never go by mail (the
-- outbox only sends public messages' files). api_message_attach() (220,
-- replaced whole: see sql/README) takes the caller's own message of this
-- transaction, public or a note; a file with a public message still needs
-- a role that answers customers. A note's file is audited as file_noted.

SELECT set_config('search_path', 'ticketty', true);

-- Attaches a file to the caller's own message on `p_ticket` written in
-- this transaction: a public one (acknowledgement, reply, resolution)
-- takes it to the customer, a note keeps it for the desk. Limits as 220:
-- max_attachment_bytes a file, 3/4 of max_message_bytes together, 20
-- files a message; a refused file is named with the facts (TT400), a
-- file without such a message is TT409. Returns the attachment's id.
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
    v_max      bigint := mail_setting('max_attachment_bytes')::bigint;
    v_total    bigint := (mail_setting('max_message_bytes')::bigint / 4) * 3;
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

    IF v_name = '' THEN
        v_problems := v_problems || admin_problem('filename', 'required', 'a file name is required');
    ELSIF char_length(v_name) > 255 THEN
        v_problems := v_problems || admin_problem('filename', 'too_long', 'at most 255 characters');
    ELSIF v_name ~ '[/\\[:cntrl:]]' OR v_name IN ('.', '..') THEN
        v_problems := v_problems || admin_problem('filename', 'malformed',
                                                  'a bare file name, without /, \ or control characters');
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
    PERFORM audit(p_ticket, CASE WHEN v_public THEN 'file_sent' ELSE 'file_noted' END,
                  jsonb_build_object('attachment', v_id, 'comment', v_comment, 'filename', v_name,
                                     'size', octet_length(p_data), 'type', v_type));
    RETURN v_id;
END
$$;
