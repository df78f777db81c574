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

-- @function mail_notes_flat (sql/functions/mail_notes.sql)

-- @function api_mail_notes (sql/functions/mail_notes.sql)
-- @function api_comment_mail_notes (sql/functions/mail_notes.sql)

-- @function api_mail_note (sql/functions/mail_notes.sql)

