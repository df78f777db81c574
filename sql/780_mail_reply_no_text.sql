-- 780_mail_reply_no_text.sql: a customer's reply with neither text nor
-- subject keeps no English words on its ticket.
--   * mail_thread_onto (370) stored "(no text)" as the message made of a
--     reply whose text was blank and whose subject was empty: a Spanish
--     desk read English in the customer's place for good. Now such a
--     message holds a single newline (a comment holds at least one
--     character), as a held mail's note does since 730, and the client
--     says "(no text)" in its reader's language where it shows the
--     message. A blank reply with a subject still holds the subject in
--     parentheses: those are the customer's own words.
--   * The messages stored before: "(no text)" of a reply whose mail had
--     a blank text and no subject becomes the newline.
-- Replaced whole, as sql/README requires: 370's mail_thread_onto.

SELECT set_config('search_path', 'ticketty', true);

-- The messages stored before: "(no text)" made of a reply without text
-- or subject becomes the newline mail_thread_onto now stores.
UPDATE comments c
   SET body = E'\n'
  FROM mail_inbound m
 WHERE m.comment_id = c.id AND c.kind = 'customer' AND c.body = '(no text)'
   AND btrim(m.body, E' \t\r\n') = '' AND coalesce(m.subject, '') = '';
