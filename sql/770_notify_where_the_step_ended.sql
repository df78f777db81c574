-- 770_notify_where_the_step_ended.sql: a step's notification says where
-- the ticket ended up, not the first half of the step.
--   540's rule tells each of a ticket's followers (and its assignee) of a
--   step once: a step that writes several events is told by the first,
--   the later ones finding the recipient told already (an unread
--   notification of the ticket at tt_now()). So a step that changes the
--   status more than once was told by its first change:
--     * asking the customer right after the first response (751: an
--       acknowledged ticket goes through in_progress to waiting_customer,
--       or to waiting_engineering, in one call) read "changed the status:
--       acknowledged -> in progress", though the ticket waits on the
--       customer;
--     * marking an open ticket a duplicate (api_ticket_link: resolve,
--       close, then the link) read "resolved: in progress -> resolved",
--       though it is closed as a duplicate of another ticket.
--   Now a later event of the same transaction that says where the ticket
--   ended up (a status change: ack, status, resolve, close, reopen; or the
--   duplicate's link, which closed it) takes over the ticket.changed
--   notifications this transaction wrote of an earlier status change: their
--   payload names the later event (event, event_id, actor), so the client's
--   words (notify_words: the TUI's notifications view, `notify mine`, the
--   notification mail the sender builds from them) say the final state
--   ("changed the status: in progress -> waiting on customer", "closed it
--   as a duplicate of #8"). Still one notification per recipient and step:
--   nobody told already gets another row. Only ticket.changed rows this
--   transaction wrote (xmin: not a step's own notification, such as an
--   escalation's new holder's, nor an unread one of an earlier step at the
--   same instant of a frozen test clock) and of a status change are taken
--   over: a file sent with a message, a re-triage's hand-over of the
--   escalation, leave the step's words as they were.
--   The same rule of one notification per recipient and step leaves out
--   the assignee where a step tells them itself after its event (540 left
--   retriage and customer_reply out of the assignee's events for that):
--     * a re-triage that moves the ticket to another customer hands its
--       live CSM level over (710) in the same step, and the hand-over's
--       event told the assignee ("handed the L1 escalation ...") besides
--       the re-triage's own ticket.retriaged: two notifications;
--     * an assignee who also follows the ticket heard of a re-triage or of
--       the customer's reply twice, as a follower (ticket.changed) and by
--       the step (ticket.retriaged, ticket.customer_reply).
--   Now the step's own notification is their one.
--   651's ticket_events_notify_collaborators is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

CREATE OR REPLACE FUNCTION ticket_events_notify_collaborators() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_assignee int;
    v_before   int;
    v_by_step  int;
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
    -- the assignee of a re-triage or of a customer's reply is told by the
    -- step itself (ticket.retriaged, ticket.customer_reply, written after
    -- the event), also of the rest of a re-triage (the hand-over of its
    -- escalation): not here too, even as a follower
    IF NEW.kind IN ('retriage', 'customer_reply')
       OR (NEW.kind = 'escalation.handed'
           AND EXISTS (SELECT 1 FROM ticket_events e
                        WHERE e.ticket_id = NEW.ticket_id AND e.at = tt_now() AND e.kind = 'retriage'
                          AND e.xmin = pg_current_xact_id()::xid)) THEN
        SELECT t.assignee_id INTO v_by_step FROM tickets t WHERE t.id = NEW.ticket_id;
    END IF;
    -- where the step ended: this event takes over what this transaction
    -- told of an earlier status change of the ticket
    IF NEW.kind IN ('ack', 'status', 'resolve', 'close', 'reopen')
       OR (NEW.kind = 'link' AND NEW.details ->> 'kind' = 'duplicate_of') THEN
        UPDATE notifications x
           SET payload = x.payload || jsonb_build_object(
                   'event', NEW.kind, 'event_id', NEW.id,
                   'actor', (SELECT a.login FROM agents a WHERE a.id = NEW.actor_id))
         WHERE x.ticket_id = NEW.ticket_id AND x.kind = 'ticket.changed'
           AND x.created_at = tt_now() AND x.read_at IS NULL
           AND x.xmin = pg_current_xact_id()::xid
           AND x.payload ->> 'event' IN ('ack', 'status', 'resolve', 'close', 'reopen')
           AND x.recipient_agent_id IS DISTINCT FROM NEW.actor_id;
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
       AND r.agent_id IS DISTINCT FROM v_by_step
       AND NOT EXISTS (SELECT 1 FROM notifications x
                        WHERE x.recipient_agent_id = r.agent_id AND x.ticket_id = NEW.ticket_id
                          AND x.created_at = tt_now() AND x.read_at IS NULL);
    RETURN NULL;
END
$$;

REVOKE ALL ON FUNCTION ticket_events_notify_collaborators() FROM ticketty_agent, PUBLIC;
