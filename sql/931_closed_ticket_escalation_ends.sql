-- 931_closed_ticket_escalation_ends.sql: a closed ticket's escalation
-- ends with it.
--   Closing a ticket (closed is final) left its live escalation (open or
--   acknowledged) live for ever: listed in the escalations view and by
--   `ticketty escalations`, counted in escalation_rollup and the
--   dashboard's escalations by level, and its holder could no longer pass
--   it up. Closing now resolves it in the same transaction
--   (ticket_apply_status calls escalation_end_with_ticket, whatever closed
--   it: a status change, api_ticket_close, a duplicate link), with the
--   note "the ticket was closed" and the cause ticket_closed in the
--   escalation.resolved event and notification, by the agent who closed
--   it; the holder, whoever raised it and the assignee are told as for a
--   resolution by hand (never the closer). api_escalation_resolve and it
--   share escalation_resolve_live (new). A resolved ticket keeps its
--   escalation: it may be reopened.
--   * The data step: every closed ticket that still has a live escalation
--     has it resolved the same way, through the same function, but by
--     nobody: the actor (escalations.resolved_by, the event's actor_id)
--     is NULL, as no agent closed it now (this migration runs as the
--     database's owner), and its acknowledgement is left as it was. The
--     holder, whoever raised it and the assignee are told as above. The
--     escalation_rollup triggers (160) count the rows out as they stop
--     being live.

SELECT set_config('search_path', 'ticketty', true);

-- @function escalation_resolve_live (sql/functions/escalation.sql)
-- @function escalation_end_with_ticket (sql/functions/escalation.sql)

SELECT escalation_end_with_ticket(t.id, NULL)
  FROM tickets t
 WHERE t.status = 'closed'
   AND EXISTS (SELECT 1 FROM escalations e
                WHERE e.ticket_id = t.id AND e.state IN ('open', 'acknowledged'))
 ORDER BY t.id;
