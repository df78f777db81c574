-- 220_files_to_customer.sql: files go out with a public message.
--
-- A customer could send files (they are stored from their mail, 060),
-- but an engineer could not send one back: a list of affected
-- placements, a screenshot of the setting to change, a log excerpt had
-- to leave ticketty by another way and left no trace on the ticket.
-- Now an agent attaches files to the public message (acknowledgement,
-- reply or resolution) they write, in the same transaction:
-- api_message_attach() stores each file beside the customer's own (the
-- attachments table, with the message it went with in comment_id), and
-- `ticketty mail send` puts every file of the message into its mail
-- (multipart/mixed). Each file is audited ('file_sent') and shown on the
-- timeline. Limits: each file at most max_attachment_bytes (the policy
-- row that also bounds what customers send); the files of one message
-- together at most three quarters of max_message_bytes (base64 makes
-- them a third larger in the mail); at most 20 files a message.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE attachments ADD COLUMN comment_id bigint REFERENCES comments;
CREATE INDEX attachments_comment_idx ON attachments (comment_id) WHERE comment_id IS NOT NULL;
COMMENT ON COLUMN attachments.comment_id IS
    'The public message a file went out with (an agent''s file to the customer); NULL for files received by mail.';

-- Attaches a file to the public message the caller has written on ticket
-- p_ticket in this transaction (its mail is not sent before the
-- transaction commits, so it never goes without the file). Every refused
-- field is named (TT400); a file outside a public message of this
-- transaction is refused (TT409). Returns the attachment's id.
CREATE FUNCTION api_message_attach(p_ticket bigint, p_filename text, p_type text, p_data bytea)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_me       int := ticket_require_support('a file to the customer');
    v_comment  bigint;
    v_name     text := btrim(coalesce(p_filename, ''));
    v_type     text := lower(btrim(coalesce(p_type, '')));
    v_max      bigint := mail_setting('max_attachment_bytes')::bigint;
    v_total    bigint := (mail_setting('max_message_bytes')::bigint / 4) * 3;
    v_sum      bigint;
    v_count    int;
    v_problems text[] := '{}';
    v_id       bigint;
BEGIN
    -- the caller's own public message, written in this very transaction
    SELECT c.id INTO v_comment FROM comments c
     WHERE c.ticket_id = p_ticket AND c.kind = 'public' AND c.author_id = v_me
       AND c.xmin = pg_current_xact_id()::xid
     ORDER BY c.id DESC LIMIT 1;
    IF v_comment IS NULL THEN
        RAISE EXCEPTION 'a file goes out with a public message: write it in the same transaction as the reply, acknowledgement or resolution'
            USING ERRCODE = 'TT409';
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
    PERFORM audit(p_ticket, 'file_sent',
                  jsonb_build_object('attachment', v_id, 'comment', v_comment, 'filename', v_name,
                                     'size', octet_length(p_data), 'type', v_type));
    RETURN v_id;
END
$$;
