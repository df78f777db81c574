-- 040_escalation.sql: the escalation path (CSM -> COO -> CEO) and ticket
-- collaborators, as API functions that check who is calling.
--
-- Rules (DESIGN.md §7), all enforced here:
--   * Escalations come in rounds. A round starts at level 1 (CSM) and
--     climbs one level at a time when the holder passes it up; nothing
--     goes past level 3 (CEO). Each level is reached at most once per
--     round (UNIQUE (ticket_id, round, level)); a trigger refuses a row
--     whose level below, in the same round, is missing or still live, even
--     for the schema owner. Once a round is resolved the ticket may be
--     escalated again: a new round starts at the CSM, the earlier rounds
--     stay as history. tickets.escalation_level is the level of the live
--     escalation, 0 when none is live.
--   * A level that is passed up is recorded as passed_up (its note is the
--     reason given for passing it up), never as resolved.
--   * A customer without an active CSM cannot be escalated: the refusal
--     names the administrators who must assign one (DESIGN.md §7); its
--     emergencies notify the COO instead (020_intake.sql).
--   * Raising needs a reason and an OPEN ticket (a resolved or closed
--     ticket has nothing left to escalate; reopen it first). Any agent may
--     raise while no level is live. While a level is open or acknowledged,
--     raising again is passing it up, which only the holder of that level
--     (or a higher one) may do; others get TT409 naming the holder.
--   * The holder of level 1 is the customer's CSM (customers.csm_id, or the
--     CSM recorded when it was raised); of level 2 any active agent with
--     role coo; of level 3 any active agent with role ceo. A higher level
--     may act in place of a lower one: coo (rank 2), ceo (rank 3) and admin
--     (rank 4) act on every level up to their rank.
--   * Acknowledging, resolving (with a note) and passing up are the
--     holder's; acknowledging and resolving work whatever the ticket's
--     state, passing up needs an open ticket like raising.
--   * Every step updates the escalations row and tickets.escalation_level/
--     version/updated_at, writes an audit event and a notification row.
--
-- The permission checks never return NULL: a missing holder, agent or
-- escalation gives false, so nobody but the customer's CSM (level 1) or a
-- higher rank acts (a NULL once let `IF NOT escalation_may_act(...)`
-- through). They are PL/pgSQL for their cached plans: the escalation list
-- calls escalation_is_mine/escalation_can_act once per row.
--
-- Collaborators: agents of any role following a ticket (they see it under
-- the "following" filter, may write internal notes, and are notified of
-- every event on it by 045_notify.sql).

SELECT set_config('search_path', 'ticketty', true);

-- ------------------------------------------------------------- helpers --

-- @function escalation_rank (sql/functions/escalation.sql)

-- @function escalation_agent_rank (sql/functions/escalation.sql)

-- @function escalation_holder_for (sql/functions/escalation.sql)

-- @function escalation_may_act (sql/functions/escalation.sql)

-- @function escalation_holds (sql/functions/escalation.sql)

-- @function escalation_is_mine (sql/functions/escalation.sql)

-- @function escalation_can_act (sql/functions/escalation.sql)

-- @function esc_raise_tt400 (sql/functions/escalation.sql)

-- @function escalations_check_order (sql/functions/escalation.sql)
CREATE TRIGGER escalations_check_order
    BEFORE INSERT OR UPDATE OF level, round, ticket_id ON escalations
    FOR EACH ROW EXECUTE FUNCTION escalations_check_order();

-- @function escalations_ticket_severity (sql/functions/escalation.sql)
CREATE TRIGGER escalations_ticket_severity
    BEFORE INSERT OR UPDATE OF ticket_id ON escalations
    FOR EACH ROW EXECUTE FUNCTION escalations_ticket_severity();

-- @function tickets_escalation_severity (sql/functions/escalation.sql)
CREATE TRIGGER tickets_escalation_severity
    AFTER UPDATE OF severity ON tickets
    FOR EACH ROW WHEN (OLD.severity IS DISTINCT FROM NEW.severity)
    EXECUTE FUNCTION tickets_escalation_severity();

-- @function esc_lock_ticket (sql/functions/escalation.sql)

-- @function esc_admins_named (sql/functions/escalation.sql)

-- @function escalation_open_level (sql/functions/escalation.sql)

-- @function esc_live (sql/functions/escalation.sql)

-- @function esc_refuse_not_holder (sql/functions/escalation.sql)

-- @function escalation_pass_up (sql/functions/escalation.sql)

-- ------------------------------------------------------------------ API --

-- @function api_escalate (sql/functions/escalation.sql)

-- @function api_escalation_ack (sql/functions/escalation.sql)

-- @function api_escalation_resolve (sql/functions/escalation.sql)

-- @function api_escalation_up (sql/functions/escalation.sql)

-- -------------------------------------------------------- collaborators --

-- @function is_following (sql/functions/escalation.sql)

-- @function is_collaborator (sql/functions/escalation.sql)

-- @function esc_agent_by_login (sql/functions/escalation.sql)

-- @function api_ticket_add_collaborator (sql/functions/escalation.sql)

-- @function api_ticket_remove_collaborator (sql/functions/escalation.sql)

-- ----------------------------------------------------------- privileges --

