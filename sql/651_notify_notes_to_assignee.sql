-- 651_notify_notes_to_assignee.sql: the assignee hears of the notes and
-- replies others write on their ticket.
--   540's rule told a ticket's assignee of assignments, status changes and
--   escalation steps by others, but of a note or a public reply only when
--   the assignee also followed the ticket: an engineer who asked a
--   developer a question in an internal note (DESIGN.md section 5: product
--   managers and developers collaborate through notes only) was not told
--   of the answer, nor of a colleague's reply to their customer. The
--   events note and reply join the assignee's events; the rest of the rule
--   is 590's (not the actor, not an inactive agent, once per ticket and
--   transaction: a note with a file is one notification). The words are
--   the timeline's ("Mei Tanaka added an internal note").
--   590's ticket_events_notify_collaborators is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

