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

-- @function notifications_not_to_the_actor (sql/functions/notify.sql)
CREATE TRIGGER notifications_not_to_the_actor
    BEFORE INSERT ON notifications
    FOR EACH ROW WHEN (NEW.kind LIKE 'escalation.%')
    EXECUTE FUNCTION notifications_not_to_the_actor();

