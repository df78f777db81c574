-- 370_mail_body_kept.sql: a customer's mail longer than a comment holds
-- (100000 characters) was cut on its ticket without a word, its end lost
-- from the ticket (DESIGN §1.3, "never lose a customer's words"). The
-- mail's whole text stays in mail_inbound.body (and the raw message);
-- the comment now ends, where it is cut, with a line that says so, how
-- long the text is and where to read all of it (`ticketty inbox show ID`
-- shows any stored mail whole, to support staff). The same for held mail
-- put on its ticket as an internal note. mail_thread_onto (062) and
-- api_inbox_note (300) are replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- @function mail_text_fit (sql/functions/mail_in.sql)

