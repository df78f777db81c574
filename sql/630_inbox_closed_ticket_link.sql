-- 630_inbox_closed_ticket_link.sql: a ticket made of a customer's answer
-- to a closed ticket is linked to that ticket.
--   * A reply to the mail of a closed ticket (In-Reply-To/References
--     naming its mail, or its [#ID] tag from a contact of its customer)
--     comes to the inbox, with the closed ticket in mail_inbound.ticket_id
--     (062, 430). Accepting it made a new ticket and overwrote that
--     ticket_id: the new ticket said nothing of the one it goes on from,
--     and the agent working it did not see the history the customer
--     answered.
--   * Now accepting it (api_inbox_accept) links the new ticket to each
--     closed ticket a mail of the conversation answers (a closed ticket is
--     only ever linked as related, 071), when it is the new ticket's
--     customer's (an engineer may give the ticket another customer; a
--     mail from a contact of another customer names no ticket of theirs).
--     The link is the accepting agent's, audited on both tickets as any
--     link is: the ticket view lists it and both timelines say it.
--   * 430's api_inbox_accept is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

