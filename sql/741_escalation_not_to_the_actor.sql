-- 741_escalation_not_to_the_actor.sql: nobody is told of their own
-- escalation step.
--   An escalation step told its new holder even when the holder took the
--   step: a second CEO (or COO) handing the level over to themselves was
--   told "escalation handed to you", and so was a CSM who re-triaged a
--   ticket to their own customer, taking its live CSM level (710).
--   The raise and the pass-up (571), the acknowledgement and the
--   resolution already skipped the actor, each with its own condition;
--   the hand-over did not. One rule now covers every escalation
--   notification, whichever function writes it: one for the session's
--   own agent is not written (notifications_not_to_the_actor).

SELECT set_config('search_path', 'ticketty', true);

-- No escalation notification for the agent whose step it is: the
-- session's own agent (NULL for an owner's session, which is nobody's).
CREATE FUNCTION notifications_not_to_the_actor() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF NEW.recipient_agent_id IS NOT NULL AND NEW.recipient_agent_id = session_agent_id() THEN
        RETURN NULL;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER notifications_not_to_the_actor
    BEFORE INSERT ON notifications
    FOR EACH ROW WHEN (NEW.kind LIKE 'escalation.%')
    EXECUTE FUNCTION notifications_not_to_the_actor();

REVOKE ALL ON FUNCTION notifications_not_to_the_actor() FROM ticketty_agent, PUBLIC;
