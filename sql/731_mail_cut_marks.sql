-- 731_mail_cut_marks.sql: a customer's message cut to fit on its ticket
-- before 632 ended with an English line, "[cut here: the mail's text is
-- N characters long; all of it is kept with inbound mail M: ticketty
-- inbox show M]" (370's mail_text_fit), which a Spanish desk read in
-- English for good. It becomes what 632 makes of a cut text: the message
-- holds the first 100000 characters of the mail's text, and the mail's
-- notes say it was cut ({"note": "cut", "length", "mail"}), said under the
-- message in the reader's language.
--   Exact only: the mail's whole text is kept (mail_inbound.body), so the
--   message 370 made of it is made again and compared whole: a threaded
--   reply's (370's mail_thread_onto: the text trimmed at its end), a held
--   mail made a note's (370's api_inbox_note, whose English heading 730
--   took off the start). Only a message equal to what 370 made, line and
--   all, is changed, and its text is then the mail's own first 100000
--   characters (the characters the line took are given back); anything
--   else (a mail that already has a cut note, a message that differs) is
--   left as it is.
--   The other two notes written into a mail's text before 632 ("[this
--   mail's MIME structure is broken: ...]" by the client's parser,
--   "[attachment ... is larger than the limit ...]" by 062's
--   api_mail_attach) are NOT moved: nothing kept proves that such a line
--   at the end of a mail's text is ticketty's and not the customer's own
--   (the raw message may hold the customer's text encoded, so its absence
--   there proves nothing), and the same words were copied into messages
--   and ticket descriptions that may have been joined and edited since.

SELECT set_config('search_path', 'ticketty', true);

WITH k AS (
    SELECT c.id AS comment, m.id AS mail, rtrim(m.body, E' \t\r\n') AS text,
           CASE WHEN c.kind = 'internal' THEN length(mail_note_old_head(m)) ELSE 0 END AS head
      FROM comments c JOIN mail_inbound m ON m.comment_id = c.id
     WHERE length(c.body) = 100000 - CASE WHEN c.kind = 'internal' THEN length(mail_note_old_head(m)) ELSE 0 END
       AND c.body LIKE E'%\n\n[cut here: the mail''s text is % characters long; all of it is kept with inbound mail %'
       AND NOT jsonb_path_exists(m.notes, '$[*] ? (@.note == "cut")')
), x AS (
    SELECT k.*, format(E'\n\n[cut here: the mail''s text is %s characters long; all of it is kept with inbound mail %s: ticketty inbox show %s]',
                       length(k.text), k.mail, k.mail) AS mark
      FROM k
), done AS (
    UPDATE comments c SET body = left(x.text, 100000)
      FROM x
     WHERE c.id = x.comment AND length(x.text) > 100000
       AND c.body = left(x.text, 100000 - length(x.mark) - x.head) || x.mark
    RETURNING x.mail, length(x.text) AS len
)
UPDATE mail_inbound m
   SET notes = m.notes || jsonb_build_array(jsonb_build_object('note', 'cut', 'length', d.len, 'mail', d.mail))
  FROM done d
 WHERE m.id = d.mail;
