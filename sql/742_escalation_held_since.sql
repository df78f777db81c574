-- 742_escalation_held_since.sql: each step of an escalation's chain counts
-- how long its holder had it.
--   The chain (`ticketty escalations`, the escalations view's pane) gave
--   every step its age from its raise to now: a CSM level passed up after
--   an hour read "[12d 17h]" twelve days later, the escalation's own age,
--   and a level handed over an hour ago read as open for its holder since
--   it was reached. Each level already is its own row, reached when it is
--   inserted (raised_at): a finished step now counts to its end
--   (resolved_at, which a pass-up also sets), and every step from when it
--   came to its holder, held_since: the raise or the pass-up, or the last
--   hand-over. The list's row keeps the level's own age (raised_at), which
--   its order follows.
--   * escalations.held_since (new): the instant the level came to its
--     holder by a hand-over (NULL: at raised_at, so that rows written with
--     their own raised_at, as seeds do, need nothing); existing rows take
--     their last escalation.handed event.
--   * escalation_hand_to (250) is replaced whole: a hand-over sets it.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE escalations ADD COLUMN held_since timestamptz;
UPDATE escalations e
   SET held_since = (SELECT max(v.at) FROM ticket_events v
                      WHERE v.ticket_id = e.ticket_id AND v.kind = 'escalation.handed'
                        AND v.details ->> 'escalation' = e.id::text)
 WHERE EXISTS (SELECT 1 FROM ticket_events v
                WHERE v.ticket_id = e.ticket_id AND v.kind = 'escalation.handed'
                  AND v.details ->> 'escalation' = e.id::text);
COMMENT ON COLUMN escalations.held_since IS
    'When the level came to its holder by a hand-over; NULL: when it was reached (raised_at).';

-- 250's escalation_hand_to, whole: the new holder holds it from now on
-- (held_since). Notifications to the actor are dropped by 741's trigger.
CREATE OR REPLACE FUNCTION escalation_hand_to(e escalations, p_to int, p_reason text, p_cause text)
    RETURNS escalations
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_key  text := (SELECT l.key FROM escalation_levels l WHERE l.level = e.level);
    v_from text := (SELECT a.login FROM agents a WHERE a.id = e.holder_id);
    v_to   text := (SELECT a.login FROM agents a WHERE a.id = p_to);
    v_out  escalations;
BEGIN
    UPDATE escalations SET holder_id = p_to, state = 'open', acknowledged_by = NULL, acknowledged_at = NULL,
                           held_since = tt_now()
     WHERE id = e.id RETURNING * INTO v_out;
    UPDATE tickets SET version = version + 1, updated_at = tt_now() WHERE id = e.ticket_id;
    INSERT INTO notifications (recipient_agent_id, kind, ticket_id, escalation_id, payload)
    VALUES (p_to, 'escalation.handed', e.ticket_id, e.id,
            jsonb_strip_nulls(jsonb_build_object('level', e.level, 'level_key', v_key, 'from', v_from,
                                                 'reason', coalesce(p_reason, e.reason), 'cause', p_cause)));
    -- audit() written out: a hand-over the triggers make may come from a
    -- session that is no agent (an owner's UPDATE of customers), whose
    -- event then has no actor instead of being refused
    INSERT INTO ticket_events (ticket_id, actor_id, kind, version, details)
    SELECT e.ticket_id, session_agent_id(), 'escalation.handed', t.version,
           jsonb_strip_nulls(jsonb_build_object('escalation', e.id, 'round', e.round, 'level', e.level,
                                                'level_key', v_key, 'from', v_from, 'holder', v_to,
                                                'reason', p_reason, 'cause', p_cause))
      FROM tickets t WHERE t.id = e.ticket_id;
    PERFORM pg_notify('ticketty', json_build_object('ticket', e.ticket_id, 'kind', 'escalation.handed')::text);
    RETURN v_out;
END
$$;

REVOKE ALL ON FUNCTION escalation_hand_to(escalations, int, text, text) FROM ticketty_agent, PUBLIC;
