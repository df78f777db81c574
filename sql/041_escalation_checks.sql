-- 041_escalation_checks.sql: the escalation permission checks of 040,
-- rewritten (same names, arguments and meaning).
--
-- * Never NULL: in 040 an escalation whose holder_id is NULL made
--   escalation_may_act() return NULL, and `IF NOT escalation_may_act(...)`
--   then let anyone through. Now a missing holder, agent or escalation
--   gives false, so nobody but the customer's CSM (level 1) or a higher
--   rank acts on it.
-- * PL/pgSQL instead of SQL: SQL functions with SET search_path are never
--   inlined and were planned on every call; the escalation list calls
--   escalation_is_mine/escalation_can_act once per row (500 rows took
--   0.65 s of checks, now about 0.1 s).
-- * Raising: any agent may raise while no level is live ("anyone working
--   the ticket", and any agent may work any ticket, as in 030). The
--   recorded holder of levels 2 and 3 is the active coo/ceo with the
--   lowest id (the one notified); any active agent of that role may act.
--
-- CREATE OR REPLACE keeps the privileges 040 set (internal helpers stay
-- revoked from agents); the one new helper is revoked below.

SELECT set_config('search_path', 'ticketty', true);

-- The calling agent's id, or NULL when session_user is no active agent
-- (for conditions that must not raise, such as filters).
CREATE OR REPLACE FUNCTION session_agent_id() RETURNS int
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    RETURN (SELECT a.id FROM agents a WHERE a.login = session_user AND a.active);
END
$$;

-- The agent who holds `lvl` for `ticket` right now (NULL when nobody does:
-- a customer without CSM, no active COO/CEO). Internal.
CREATE OR REPLACE FUNCTION escalation_holder_for(ticket bigint, lvl smallint) RETURNS int
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF lvl = 1 THEN
        RETURN (SELECT a.id FROM tickets t
                  JOIN customers c ON c.id = t.customer_id
                  JOIN agents a ON a.id = c.csm_id AND a.active
                 WHERE t.id = escalation_holder_for.ticket);
    END IF;
    RETURN (SELECT min(a.id) FROM agents a
             WHERE a.active AND a.role = CASE lvl WHEN 2 THEN 'coo'::agent_role
                                                 WHEN 3 THEN 'ceo'::agent_role END);
END
$$;

-- The escalation rank of an active agent (0 when none or inactive).
-- PL/pgSQL for its cached plan: these checks run once per listed row.
CREATE OR REPLACE FUNCTION escalation_agent_rank(me int) RETURNS int
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    RETURN coalesce((SELECT escalation_rank(a.role) FROM agents a WHERE a.id = me AND a.active), 0);
END
$$;

-- True when agent `me` holds escalation `e` itself (not through a higher
-- rank): its recorded holder, the customer's current CSM at level 1, or an
-- agent whose role is exactly that level (coo at 2, ceo at 3). Never NULL.
CREATE OR REPLACE FUNCTION escalation_holds(e escalations, me int) RETURNS boolean
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF me IS NULL OR e.id IS NULL THEN
        RETURN false;
    END IF;
    RETURN e.holder_id IS NOT DISTINCT FROM me
        OR (e.level = 1 AND escalation_holder_for(e.ticket_id, 1::smallint) IS NOT DISTINCT FROM me)
        OR (e.level > 1 AND escalation_agent_rank(me) = e.level);
END
$$;

-- True when agent `me` may acknowledge, resolve or pass up escalation `e`:
-- it holds it, or its role ranks above the level (coo = 2, ceo = 3,
-- admin = 4 acts on every level). Never NULL.
CREATE OR REPLACE FUNCTION escalation_may_act(e escalations, me int) RETURNS boolean
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF me IS NULL OR e.id IS NULL THEN
        RETURN false;
    END IF;
    RETURN escalation_holds(e, me) OR escalation_agent_rank(me) >= e.level;
END
$$;

-- For the calling agent, by escalation id (the `--mine` filter and the
-- view's marks). Never raise; false for non-agents.
-- escalation_is_mine: the caller holds it ("what waits for me").
CREATE OR REPLACE FUNCTION escalation_is_mine(escalation bigint) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    e escalations;
BEGIN
    SELECT * INTO e FROM escalations x WHERE x.id = escalation_is_mine.escalation;
    RETURN escalation_holds(e, session_agent_id());
END
$$;

-- escalation_can_act: the caller may acknowledge, resolve or pass it up.
CREATE OR REPLACE FUNCTION escalation_can_act(escalation bigint) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    e escalations;
BEGIN
    SELECT * INTO e FROM escalations x WHERE x.id = escalation_can_act.escalation;
    RETURN escalation_may_act(e, session_agent_id());
END
$$;

REVOKE ALL ON FUNCTION escalation_agent_rank(int) FROM ticketty_agent, PUBLIC;
