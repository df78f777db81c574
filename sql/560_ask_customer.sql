-- 560_ask_customer.sql: waiting on the customer with a question to them.
--   * Setting a ticket to waiting_customer changed the status silently:
--     the customer was asked nothing, and the engineer had to remember to
--     send a reply afterwards. api_ticket_ask moves the ticket to
--     waiting_customer WITH a public question, in one transaction: one
--     version bump, one 'status' event carrying the comment, and the
--     request_info mail ("Information needed: {{title}}", in the
--     contact's language) queued by ticket_events_mail (270) as for any
--     public comment on a status change. The question is required and
--     checked as a reply's (ticket_check_text: TT400 on "message"); the
--     permission rule is the status change's (ticket_require_support:
--     TT403 for a product manager or developer, before anything else).
--     A bare change to waiting_customer (api_ticket_set_status) stays
--     allowed: an engineer may have asked by phone.
--   * api_ticket_transitions (030) says the change to waiting_customer
--     takes an optional public question: its message column is
--     'question' there, so the interface offers to ask one. It is
--     replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- @function api_ticket_ask (sql/functions/tickets.sql)

