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

CREATE OR REPLACE FUNCTION ticket_events_notify_collaborators() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_assignee int;
    v_before   int;
BEGIN
    IF NEW.kind IN ('assign', 'ack', 'status', 'resolve', 'close', 'reopen', 'note', 'reply',
                    'escalation.raised', 'escalation.passed_up', 'escalation.acknowledged',
                    'escalation.handed', 'escalation.resolved') THEN
        SELECT t.assignee_id INTO v_assignee FROM tickets t WHERE t.id = NEW.ticket_id;
    END IF;
    -- a take-over or a reassignment: who had the ticket until then
    IF NEW.kind IN ('take', 'assign') AND NEW.details ? 'from' THEN
        SELECT a.id INTO v_before FROM agents a WHERE a.login = NEW.details ->> 'from';
    END IF;
    INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload)
    SELECT r.agent_id, 'ticket.changed', NEW.ticket_id,
           jsonb_build_object('event', NEW.kind, 'event_id', NEW.id,
                              'actor', (SELECT a.login FROM agents a WHERE a.id = NEW.actor_id))
      FROM (SELECT c.agent_id FROM ticket_collaborators c WHERE c.ticket_id = NEW.ticket_id
            UNION
            SELECT v_assignee WHERE v_assignee IS NOT NULL
            UNION
            SELECT v_before WHERE v_before IS NOT NULL) r
      JOIN agents a ON a.id = r.agent_id AND a.active
     WHERE r.agent_id IS DISTINCT FROM NEW.actor_id
       AND NOT EXISTS (SELECT 1 FROM notifications x
                        WHERE x.recipient_agent_id = r.agent_id AND x.ticket_id = NEW.ticket_id
                          AND x.created_at = tt_now() AND x.read_at IS NULL);
    RETURN NULL;
END
$$;

REVOKE ALL ON FUNCTION ticket_events_notify_collaborators() FROM ticketty_agent, PUBLIC;
