-- sql/functions/security.sql: the caller's identity (session_agent_id,
-- current_agent_id), role checks and the audit log.
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- session_agent_id
-- THE mapping of a session to an agent: the id of the active agent whose
-- login is session_user (the role that connected, unchanged inside
-- SECURITY DEFINER functions), or NULL (for conditions that must not
-- raise, such as filters and row-level security policies). Every other
-- piece of SQL that needs the caller asks this function (current_agent()
-- reads the same row for the role beside the id).
CREATE OR REPLACE FUNCTION session_agent_id() RETURNS int
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    RETURN (SELECT a.id FROM agents a WHERE a.login = session_user AND a.active);
END
$$;
GRANT EXECUTE ON FUNCTION session_agent_id() TO ticketty_agent;

--- session_agent_row
-- The session's active agent as a client reads it on connecting (id,
-- login, display name, role), no row when the session is none: the mail
-- gateway's logins (role mail, ticketty_mail) read no table, the agents
-- table included, and connect through this as every agent does. Never
-- raises.
CREATE OR REPLACE FUNCTION session_agent_row()
    RETURNS TABLE (id int, login text, display_name text, role agent_role)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$ SELECT a.id, a.login::text, a.display_name::text, a.role FROM agents a WHERE a.id = session_agent_id() $$;
GRANT EXECUTE ON FUNCTION session_agent_row() TO ticketty_agent;

--- current_agent_id
-- The calling agent's id as session_agent_id(), but TT403 (saying why)
-- when the session is no active agent: for API functions.
CREATE OR REPLACE FUNCTION current_agent_id() RETURNS int
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_id int := session_agent_id();
BEGIN
    IF v_id IS NOT NULL THEN
        RETURN v_id;
    END IF;
    IF EXISTS (SELECT 1 FROM agents a WHERE a.login = session_user) THEN
        RAISE EXCEPTION 'ticketty agent "%" is deactivated', session_user
            USING ERRCODE = 'TT403';
    END IF;
    RAISE EXCEPTION 'database role "%" is not a ticketty agent', session_user
        USING ERRCODE = 'TT403',
              HINT = 'An administrator must add this login to ticketty.agents.';
END
$$;
GRANT EXECUTE ON FUNCTION current_agent_id() TO ticketty_agent;

--- current_agent
-- The calling agent's id and role from one read of its row (the mapping
-- of session_agent_id(), the role read beside the id), for an API function
-- on a hot path that checks the role of the caller it resolves anyway
-- (api_ticket_create): TT403 as current_agent_id() when the session is no
-- active agent. PL/pgSQL without SET, names with their schema: its plan is
-- kept for the session and no setting is pushed per call (HACKING.md).
-- Internal: called from the owner's SECURITY DEFINER functions.
CREATE OR REPLACE FUNCTION current_agent(OUT id int, OUT role agent_role)
    LANGUAGE plpgsql STABLE
AS $$
BEGIN
    SELECT a.id, a.role INTO current_agent.id, current_agent.role
      FROM ticketty.agents a WHERE a.login = session_user AND a.active;
    IF current_agent.id IS NULL THEN
        current_agent.id := ticketty.current_agent_id();   -- raises TT403 saying why
    END IF;
END
$$;
REVOKE ALL ON FUNCTION current_agent() FROM ticketty_agent, PUBLIC;

--- current_agent_role
-- The role (agents.role) of the calling agent; TT403 as current_agent_id().
CREATE OR REPLACE FUNCTION current_agent_role() RETURNS agent_role
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$ SELECT a.role FROM agents a WHERE a.id = current_agent_id() $$;
GRANT EXECUTE ON FUNCTION current_agent_role() TO ticketty_agent;

--- require_role
-- Returns the calling agent's id when its role is one of `roles`, else TT403.
-- Usage in API functions: v_me := require_role('admin');
--                         PERFORM require_role('csm', 'coo', 'ceo');
CREATE OR REPLACE FUNCTION require_role(VARIADIC roles agent_role[]) RETURNS int
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_id   int := current_agent_id();
    v_role agent_role;
BEGIN
    SELECT a.role INTO v_role FROM agents a WHERE a.id = v_id;
    IF NOT (v_role = ANY (roles)) THEN
        RAISE EXCEPTION 'agent "%" has role %, but this needs one of: %',
                        session_user, v_role, array_to_string(roles, ', ')
            USING ERRCODE = 'TT403';
    END IF;
    RETURN v_id;
END
$$;
GRANT EXECUTE ON FUNCTION require_role(VARIADIC agent_role[]) TO ticketty_agent;

--- ticket_events_append_only
-- ticket_events is append-only: UPDATE, DELETE and TRUNCATE are refused to
-- every role except the table owner (and roles that inherit its rights,
-- which includes superusers). SECURITY INVOKER on purpose: current_user is
-- the owner only inside the owner's own SECURITY DEFINER functions or
-- maintenance sessions.
CREATE OR REPLACE FUNCTION ticket_events_append_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_owner oid;
BEGIN
    SELECT c.relowner INTO v_owner FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID;
    IF NOT pg_catalog.pg_has_role(current_user, v_owner, 'USAGE') THEN
        RAISE EXCEPTION 'the audit log is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'TT403';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;   -- UPDATE by the owner; NULL for statement-level TRUNCATE is ignored
END
$$;
REVOKE ALL ON FUNCTION ticket_events_append_only() FROM ticketty_agent;

--- audit
-- Record one audit event for a ticket, by the calling agent, stamped with
-- the ticket's current version (call it AFTER updating the ticket row), and
-- NOTIFY channel 'ticketty' with {"ticket":ID,"kind":"..."}. Returns the
-- event id. Internal: only the owner's SECURITY DEFINER API functions call
-- it; agents cannot (no EXECUTE, and no INSERT on ticket_events anyway).
CREATE OR REPLACE FUNCTION audit(ticket bigint, kind text, details jsonb DEFAULT '{}') RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_version int;
    v_id      bigint;
BEGIN
    SELECT t.version INTO v_version FROM tickets t WHERE t.id = audit.ticket;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'ticket % not found', audit.ticket USING ERRCODE = 'TT404';
    END IF;
    INSERT INTO ticket_events (ticket_id, actor_id, kind, version, details)
    VALUES (audit.ticket, current_agent_id(), audit.kind, v_version,
            coalesce(audit.details, '{}'::jsonb))
    RETURNING id INTO v_id;
    PERFORM pg_notify('ticketty',
                      json_build_object('ticket', audit.ticket, 'kind', audit.kind)::text);
    RETURN v_id;
END
$$;
REVOKE ALL ON FUNCTION audit(bigint, text, jsonb) FROM ticketty_agent;
