-- 300_held_mail_as_note.sql: a held mail that names a ticket becomes that
-- ticket's internal note, by support staff's hand (`inbox note ID`, `N` in
-- the inbox's held list). Since 270 a reply to a copy the desk sent its
-- own people (a CSM's or the account representative's answer to an
-- emergency update) is held, never threaded as the customer's word; what
-- it says may still matter to whoever works the ticket. The note says
-- who wrote the mail and its subject, then its text; the mail's files go with it
-- (internal files, 240); the mail becomes 'threaded' with that note and
-- is audited on the ticket as a note with the mail's id. Held mail that
-- names no ticket (an automatic reply, a stranger) stays held.

SELECT set_config('search_path', 'ticketty', true);

-- @function api_inbox_note (sql/functions/mail_in.sql)

