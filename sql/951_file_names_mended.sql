-- 951_file_names_mended.sql: the names of the files stored before a
-- name with a bidi control or a line separator was refused, made safe as
-- a received file's name is made (file_name_mended).
--   api_message_attach refused '/', '\' and [[:cntrl:]], which in
--   PostgreSQL 15 is C0, DEL and C1 only: it let the line and paragraph
--   separators (U+2028, U+2029), the bidi controls (U+202E among them:
--   "invoice<U+202E>fdp.exe" reads "invoiceexe.pdf") and the byte order
--   mark through. It now refuses every character of
--   text_unsafe_chars, the class a received file's name loses to '_'
--   (api_mail_attach); the names stored before take that same mending.
--   Only such names change: every other stored name is its own mending.
--   The audit rows of those files (ticket_events, append only) keep the
--   name as it was given. admin_one_line_problem(field, value), which its
--   callers called twice per value, is dropped: they ask
--   text_has_control once and add admin_one_line_refusal(field).

SELECT set_config('search_path', 'ticketty', true);

-- @function text_control_chars
-- @function text_unsafe_chars
-- @function file_name_mended

UPDATE attachments SET filename = file_name_mended(filename)
 WHERE filename <> file_name_mended(filename);

DROP FUNCTION IF EXISTS admin_one_line_problem(text, text);
