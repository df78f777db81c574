-- 950_mail_notes_comment.sql: the comment of mail_inbound.notes lists
-- every note ticketty writes.
--   632 set it when there were three notes (mime_broken, file_too_large,
--   cut); the mail bot has since also noted mime_deep (the mail's MIME
--   parts nested deeper than the parser reads them), calendar_only (a
--   calendar invitation and no text) and header_too_long (a header cut
--   before it was read, the raw mail kept whole), through api_mail_note,
--   and the comment still named the three. Now it names all six, with their
--   facts and who writes each; test_mail_body
--   (notes_comment_names_every_note) compares it with the notes the
--   client has words for (model/mail_notes.c, mail_notes_words_json), so
--   a note added without it fails there.

SELECT set_config('search_path', 'ticketty', true);

COMMENT ON COLUMN mail_inbound.notes IS
    'What ticketty notes about the mail, said in the reader''s language: [{"note": "mime_broken"}, {"note": "mime_deep"}, {"note": "calendar_only"}, {"note": "header_too_long"}, {"note": "file_too_large", "file", "bytes", "limit"}, {"note": "cut", "length", "mail"}]. mime_broken, mime_deep, calendar_only and header_too_long: the mail bot as it reads the mail (api_mail_note); file_too_large: api_mail_attach; cut: mail_text_fit, on the message made of the mail (632, 950).';
