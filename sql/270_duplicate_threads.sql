-- 270_duplicate_threads.sql: the customer's thread, mended where it went
-- astray (DESIGN.md sections 7, 10 and 11).
-- * A reply to the mail of a ticket closed as a duplicate goes on in the
--   ticket that survives it (ticket_surviving, 071), as the notice told
--   the customer; it went to the inbox.
-- * A duplicate must point to a ticket of the same customer: the notice
--   says every further update comes from the surviving ticket, and that
--   ticket's mail goes to its own contact. Another customer's ticket is
--   linked as related.
-- * The notice is in the contact's language, and it is mailed when the
--   duplicate was already resolved (it is then said on the closing, which
--   sent no mail).
-- * A reply to a copy the desk sent its own people (emergency notices and
--   updates, agents' notifications) is not the customer's word: it is held
--   ('staff_reply'), never threaded onto the ticket as the customer's.
-- * An emergency update on a customer without a CSM goes to the COO, as
--   the notice at intake does; it went nowhere.
-- Replaced whole, as sql/README requires: 071's api_ticket_link, 062's
-- api_mail_route and 260's ticket_events_mail.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE mail_inbound DROP CONSTRAINT mail_inbound_hold_reason_check;
ALTER TABLE mail_inbound ADD CONSTRAINT mail_inbound_hold_reason_check
    CHECK (hold_reason IN ('auto_submitted', 'precedence', 'list', 'null_sender', 'daemon',
                           'unknown_sender', 'closed_ticket', 'staff_reply'));

