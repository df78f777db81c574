-- 250_escalation_hand_over.sql: a live escalation changes hands at its
-- level. A CSM going on leave, a COO who steps down: until now the level
-- stayed with the agent recorded when it was raised, so an agent holding
-- escalations could not change role (230 refused it) and a customer's new
-- CSM did not hold what the old one left.
--   * api_escalation_hand(ticket, login, reason): the holder (or a higher
--     level, as for every step) hands the live level to another active
--     agent whose role is that level's (a CSM, the COO, the CEO), with a
--     reason. The level is open again for the new holder to acknowledge.
--   * When a customer's CSM changes, the live CSM levels the old CSM held
--     on that customer's tickets go to the new one.
--   * When an agent leaves a level's role or is deactivated, the live
--     levels it held go to the level's holder now (the customer's CSM, an
--     active COO or CEO). agent_role_problems() (230, replaced whole)
--     refuses a role change only for the levels nobody else could take.
-- Each hand-over is audited (escalation.handed: from, holder, reason or
-- cause) and notifies the new holder.
--   * A level is held by its recorded holder (and acted on by higher
--     ranks) only: escalation_holds() (040, replaced whole) no longer
--     counts the customer's current CSM as a holder of every CSM level,
--     which the triggers above now keep recorded; a CSM who handed a level
--     over no longer finds it under "what waits for me". Live CSM levels
--     recorded for a customer's former CSM go to its CSM now (what the
--     old rule already meant for them).

SELECT set_config('search_path', 'ticketty', true);

-- @function escalation_level_role (sql/functions/escalation.sql)

-- @function escalation_hand_to (sql/functions/escalation.sql)

-- @function api_escalation_hand (sql/functions/escalation.sql)

-- @function customers_csm_hand_over (sql/functions/escalation.sql)
CREATE TRIGGER customers_csm_hand_over
    AFTER UPDATE OF csm_id ON customers
    FOR EACH ROW WHEN (OLD.csm_id IS DISTINCT FROM NEW.csm_id)
    EXECUTE FUNCTION customers_csm_hand_over();

-- @function agents_escalation_hand_over (sql/functions/escalation.sql)
CREATE TRIGGER agents_escalation_hand_over
    AFTER UPDATE OF role, active ON agents
    FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role OR (OLD.active AND NOT NEW.active))
    EXECUTE FUNCTION agents_escalation_hand_over();

UPDATE escalations e SET holder_id = c.csm_id
  FROM tickets t JOIN customers c ON c.id = t.customer_id JOIN agents a ON a.id = c.csm_id AND a.active
 WHERE t.id = e.ticket_id AND e.level = 1 AND e.state IN ('open', 'acknowledged')
   AND e.holder_id IS DISTINCT FROM c.csm_id;

