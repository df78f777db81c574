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

-- @function mail_note_old_head (sql/functions/mail_notes.sql)

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

-- @function api_comment_mail_head (sql/functions/mail_notes.sql)

-- @function mail_notes_json (sql/functions/mail_notes.sql)

-- @function api_comment_mail_notes_json (sql/functions/mail_notes.sql)

-- @function ticket_mail_notes (sql/functions/mail_notes.sql)
-- @function api_ticket_mail_notes (sql/functions/mail_notes.sql)
-- @function api_ticket_mail_notes_json (sql/functions/mail_notes.sql)

