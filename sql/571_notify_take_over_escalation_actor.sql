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

CREATE OR REPLACE FUNCTION ticket_events_notify_collaborators() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_assignee int;
    v_before   int;
BEGIN
    IF NEW.kind IN ('assign', 'ack', 'status', 'resolve', 'close', 'reopen',
                    'escalation.raised', 'escalation.passed_up', 'escalation.acknowledged',
                    'escalation.handed', 'escalation.resolved') THEN
        SELECT t.assignee_id INTO v_assignee FROM tickets t WHERE t.id = NEW.ticket_id;
    END IF;
    -- a take-over: who had the ticket until then
    IF NEW.kind = 'take' AND NEW.details ? 'from' THEN
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

-- 480's escalation_open_level, whole: the actor is not told of their own step.
CREATE OR REPLACE FUNCTION escalation_open_level(t tickets, rnd smallint, lvl smallint, reason text, me int,
                                      event_kind text) RETURNS escalations
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_holder int := escalation_holder_for(t.id, lvl);
    v_key    text := (SELECT l.key FROM escalation_levels l WHERE l.level = lvl);
    e        escalations;
BEGIN
    IF v_holder IS NULL AND lvl = 1 THEN
        RAISE EXCEPTION 'customer % has no active CSM to escalate ticket % to: % must assign one',
                        (SELECT c.name FROM customers c WHERE c.id = t.customer_id), t.id, esc_admins_named()
            USING ERRCODE = 'TT400',
                  DETAIL = E'csm\tnone\tthe customer has no active CSM: an administrator must assign one',
                  HINT = 'ticketty admin customer set CUSTOMER csm=LOGIN';
    ELSIF v_holder IS NULL THEN
        RAISE EXCEPTION 'there is no active agent with role % to escalate ticket % to: % must add one',
                        v_key, t.id, esc_admins_named()
            USING ERRCODE = 'TT400',
                  DETAIL = format(E'role\tnone\tno active agent has the role %s: an administrator must add one', v_key),
                  HINT = 'ticketty admin agent add LOGIN --name NAME --role ROLE';
    END IF;
    INSERT INTO escalations (ticket_id, round, level, holder_id, raised_by, reason)
    VALUES (t.id, rnd, lvl, v_holder, me, btrim(escalation_open_level.reason, E' \t\r\n'))
    RETURNING * INTO e;
    UPDATE tickets SET escalation_level = lvl, version = version + 1, updated_at = tt_now()
     WHERE id = t.id;
    -- the new holder hears of it, unless the holder raised it
    INSERT INTO notifications (recipient_agent_id, kind, ticket_id, escalation_id, payload)
    SELECT v_holder, 'escalation.raised', t.id, e.id,
           jsonb_build_object('level', lvl, 'level_key', v_key, 'reason', e.reason, 'round', rnd,
                              'raised_by', (SELECT a.login FROM agents a WHERE a.id = me))
     WHERE v_holder IS DISTINCT FROM me;
    PERFORM audit(t.id, event_kind,
                  jsonb_build_object('escalation', e.id, 'round', rnd, 'level', lvl, 'level_key', v_key,
                                     'holder', (SELECT a.login FROM agents a WHERE a.id = v_holder),
                                     'reason', e.reason));
    RETURN e;
END
$$;
