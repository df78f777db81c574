-- 540_notify_words.sql: the assignee hears of what others do to their
-- ticket, by the same rule as its collaborators.
--
-- ticket_events_notify_collaborators (045) told a ticket's collaborators
-- of each event but not its assignee: an engineer was not told when
-- somebody else assigned a ticket to them, changed its status or raised
-- its escalation. The one rule is now: the followers of a ticket, and its
-- assignee for the events below, hear of an event (ticket.changed, the
-- event's id in the payload, so the client can say it in the timeline's
-- words), except the actor, inactive agents, and anyone told of the
-- ticket already in this transaction (a step that notifies someone itself,
-- such as an escalation's new holder, is not repeated). The assignee's
-- events: assign (the new assignee, whom the ticket row already names when
-- the event is written), ack, status, resolve, close, reopen, and each
-- escalation step. A re-triage (retriaged) and a customer's reply
-- (customer_reply) are told to the assignee by their own steps (100/480,
-- 370), which write the event first, so they are left out here rather than
-- told twice. A created ticket (intake's hot path) costs what it did: one
-- lookup of its collaborators, none of its assignee.
-- ticket_events_notify_collaborators (045) is replaced whole.
-- Below, a refused duplicate link says its reason once (480's
-- api_ticket_link, replaced whole).

SELECT set_config('search_path', 'ticketty', true);

