-- 350_mail_route_senders.sql: a reply in a ticket's thread is taken as the
-- customer's only from the customer (DESIGN.md section 10).
-- * A mail was threaded onto a ticket as the customer's word whenever its
--   In-Reply-To or References named one of the ticket's Message-IDs,
--   whoever sent it. The desk's IDs are <ticketty.TICKET.N@domain>, N a
--   global sequence (061's mail_queue): anyone could guess them, put text
--   "FROM THE CUSTOMER" on any ticket and reopen it when resolved. A thread
--   found by Message-ID now asks what the [#ID] tag always asked: the
--   sender is an active contact of that ticket's customer. Anyone else's
--   mail is held ('thread_stranger') with its ticket recorded, so that
--   support staff may still put it on the ticket as an internal note
--   (300's api_inbox_note). There is no other address allowed on a
--   ticket: an earlier mail of the same address threaded onto it is no
--   admission (the mail threaded before this check, forged or not, would
--   admit its sender for good, and a deactivated contact would keep
--   writing as the customer); a colleague the customer copies in is added
--   as a contact by an admin, and writes as one from then on.
--   A reply naming a closed ticket is held as 'closed_ticket', or goes to
--   the inbox from a known contact, as before.
-- * The desk's own mail coming back (a customer's list address that
--   includes the desk's, a copy resent to it) was filed as the customer's
--   reply and reopened the ticket it answered: a loop. A mail whose
--   Message-ID is one of the outbox's, or whose From is the desk's own
--   From or Reply-To address (mail_policy), is held ('own_mail'), never
--   threaded, never answered; its ticket is recorded when known.
-- * A forged delivery report (any sender naming a guessed Message-ID of
--   ours) can still mark an answer bounced: a report's senders (the null
--   envelope sender, MAILER-DAEMON@) are what any sender may write, and
--   mail_inbound keeps no envelope. The sound fix is a Message-ID that
--   cannot be guessed (061's mail_queue), not a check here.
-- Replaced whole, as sql/README requires: 270's api_mail_route.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE mail_inbound DROP CONSTRAINT mail_inbound_hold_reason_check;
ALTER TABLE mail_inbound ADD CONSTRAINT mail_inbound_hold_reason_check
    CHECK (hold_reason IN ('auto_submitted', 'precedence', 'list', 'null_sender', 'daemon',
                           'unknown_sender', 'closed_ticket', 'staff_reply',
                           'thread_stranger', 'own_mail'));

