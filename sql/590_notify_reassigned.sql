-- 590_notify_reassigned.sql: an agent hears that their ticket was
-- assigned to someone else.
--   * 571 told the assignee until then of a take-over ('take') but not of
--     a reassignment ('ticket assign ID LOGIN' by a lead or a colleague):
--     the ticket left their queue in silence. Both events name who had the
--     ticket (details 'from', ticket_apply_assignee); that agent is now
--     told of either, by the one rule of 540 (not the actor, not an
--     inactive agent). The words are the timeline's ("Ana Gil reassigned
--     the ticket from you to Bo Li").
--   571's ticket_events_notify_collaborators is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

