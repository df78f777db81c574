-- 380_mail_send_order.sql: a ticket's mail to one address goes out in the
-- order it was written, also when one message fails or hangs.
--   * 061's api_mail_claim took every due message, and a failed one waits
--     for its retry (1, 2, 4 ... minutes) or its lease (a sender that hung
--     or died): the next message of the same ticket to the same address
--     went out before it, and the customer read the answers out of order
--     (the second one's In-Reply-To names a message not yet there).
--   * Now only the first queued message of a (ticket, address) is
--     claimed; those behind it wait until it is sent. A later one that is
--     due while the first is leased or waiting for its retry takes the
--     first one's next_attempt_at, so the sender's "next due" (the
--     earliest next_attempt_at, model/mail.c) does not name a message it
--     may not claim (`mail send --watch` would wake again at once).
--   * api_mail_sent makes the next ones of that ticket and address due at
--     once, so one `mail send` run sends a thread's messages one after the
--     other. Mail without a ticket is not held by anything.
-- Both functions are replaced whole (061).

SELECT set_config('search_path', 'ticketty', true);

