-- 571_notify_take_over_escalation_actor.sql: an agent hears that someone
-- took their ticket over.
--   * `ticket take ID` (and the TUI's take key) on a ticket assigned to
--     someone else moved it to the taker silently: its assignee until then
--     was not told, since the events the assignee hears of (540) are told
--     to the ticket's assignee at the time, the taker. A take's event names
--     who had the ticket (details 'from', a login); that agent is now told
--     of it (ticket.changed: "Ana Gil took the ticket over from you"), by
--     the one rule of 540: not the actor (who takes their own ticket
--     changes nothing anyway), not an inactive agent, nobody for a ticket
--     nobody had (take-next takes unassigned tickets).
--   ticket_events_notify_collaborators (540) is replaced whole.
--   * An escalation step told its new holder even when the holder was the
--     one who took the step (a CSM escalating a ticket of their own
--     customer, a COO passing up to a level they hold themselves): the
--     actor was notified of their own action. The actor is never told
--     now; another new holder is, as before. 480's escalation_open_level
--     is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

