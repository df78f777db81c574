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

SELECT set_config('search_path', 'ticketty', true);

CREATE OR REPLACE FUNCTION ticket_events_notify_collaborators() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_assignee int;
BEGIN
    IF NEW.kind IN ('assign', 'ack', 'status', 'resolve', 'close', 'reopen',
                    'escalation.raised', 'escalation.passed_up', 'escalation.acknowledged',
                    'escalation.handed', 'escalation.resolved') THEN
        SELECT t.assignee_id INTO v_assignee FROM tickets t WHERE t.id = NEW.ticket_id;
    END IF;
    INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload)
    SELECT r.agent_id, 'ticket.changed', NEW.ticket_id,
           jsonb_build_object('event', NEW.kind, 'event_id', NEW.id,
                              'actor', (SELECT a.login FROM agents a WHERE a.id = NEW.actor_id))
      FROM (SELECT c.agent_id FROM ticket_collaborators c WHERE c.ticket_id = NEW.ticket_id
            UNION
            SELECT v_assignee WHERE v_assignee IS NOT NULL) r
      JOIN agents a ON a.id = r.agent_id AND a.active
     WHERE r.agent_id IS DISTINCT FROM NEW.actor_id
       AND NOT EXISTS (SELECT 1 FROM notifications x
                        WHERE x.recipient_agent_id = r.agent_id AND x.ticket_id = NEW.ticket_id
                          AND x.created_at = tt_now() AND x.read_at IS NULL);
    RETURN NULL;
END
$$;

REVOKE ALL ON FUNCTION ticket_events_notify_collaborators() FROM ticketty_agent, PUBLIC;
