-- 002_security.sql: roles, privileges, caller identity and the audit log.
--
-- Applied by the migration runner inside ONE transaction, by a superuser or
-- the database owner; the role that applies it owns every object of the
-- schema ("the schema owner"). Never edit once applied.
--
-- Model: agents log in with their own PostgreSQL role, which must be a
-- member of ticketty_agent (normally through one of the per-role groups
-- below). They may SELECT everything and write nothing; every change is an
-- api_* SECURITY DEFINER function that asks current_agent_id() who is
-- calling, checks, writes the change plus its ticket_events row via audit(),
-- all in one transaction. Who may do what is decided by agents.role (the
-- agents table is the source of truth); the group roles only carry grants.

SELECT set_config('search_path', 'ticketty', true);

-- ---------------------------------------------------------------- roles --
-- Roles are cluster-wide and may already exist (another database, a
-- previous install): create only the missing ones.

DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['ticketty_agent', 'ticketty_engineer', 'ticketty_csm',
                             'ticketty_coo', 'ticketty_ceo', 'ticketty_pm',
                             'ticketty_developer', 'ticketty_admin']
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'role "%" does not exist and "%" may not create roles', r, current_user
                    USING ERRCODE = '42501',
                          HINT = 'Apply this migration as a superuser, give the owner CREATEROLE, '
                                 'or have a superuser create the ticketty_* roles first.';
            END;
        END IF;
        IF r <> 'ticketty_agent' AND NOT pg_catalog.pg_has_role(r, 'ticketty_agent', 'MEMBER') THEN
            EXECUTE format('GRANT ticketty_agent TO %I', r);
        END IF;
    END LOOP;
END
$$;

-- ----------------------------------------------------------- privileges --

REVOKE ALL ON SCHEMA ticketty FROM PUBLIC;
REVOKE ALL ON ALL TABLES    IN SCHEMA ticketty FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA ticketty FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ticketty FROM PUBLIC;

GRANT USAGE ON SCHEMA ticketty TO ticketty_agent;
GRANT SELECT ON ALL TABLES IN SCHEMA ticketty TO ticketty_agent;

-- Objects the owner creates later (future migrations).
-- Functions: the built-in default grants EXECUTE to PUBLIC globally, and a
-- per-schema REVOKE cannot take away a global default, so the revoke is
-- global (for the owner role, in this database only); the grant to agents is
-- per schema. Internal helpers added later must REVOKE EXECUTE ... FROM
-- ticketty_agent explicitly, as done for audit() below.
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA ticketty REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA ticketty GRANT EXECUTE ON FUNCTIONS TO ticketty_agent;
ALTER DEFAULT PRIVILEGES IN SCHEMA ticketty GRANT SELECT ON TABLES TO ticketty_agent;

-- -------------------------------------------------------- caller identity --

-- THE mapping of a session to an agent: the id of the active agent whose
-- login is session_user (the role that connected, unchanged inside
-- SECURITY DEFINER functions), or NULL (for conditions that must not
-- raise, such as filters and row-level security policies). Every other
-- piece of SQL that needs the caller asks this function.
CREATE FUNCTION session_agent_id() RETURNS int
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    RETURN (SELECT a.id FROM agents a WHERE a.login = session_user AND a.active);
END
$$;

-- The calling agent's id as session_agent_id(), but TT403 (saying why)
-- when the session is no active agent: for API functions.
CREATE FUNCTION current_agent_id() RETURNS int
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

-- The role (agents.role) of the calling agent; TT403 as current_agent_id().
CREATE FUNCTION current_agent_role() RETURNS agent_role
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$ SELECT a.role FROM agents a WHERE a.id = current_agent_id() $$;

-- Returns the calling agent's id when its role is one of `roles`, else TT403.
-- Usage in API functions: v_me := require_role('admin');
--                         PERFORM require_role('csm', 'coo', 'ceo');
CREATE FUNCTION require_role(VARIADIC roles agent_role[]) RETURNS int
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

-- ---------------------------------------------------------- audit log ----

-- ticket_events is append-only: UPDATE, DELETE and TRUNCATE are refused to
-- every role except the table owner (and roles that inherit its rights,
-- which includes superusers). SECURITY INVOKER on purpose: current_user is
-- the owner only inside the owner's own SECURITY DEFINER functions or
-- maintenance sessions.
CREATE FUNCTION ticket_events_append_only() RETURNS trigger
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

CREATE TRIGGER ticket_events_append_only
    BEFORE UPDATE OR DELETE ON ticket_events
    FOR EACH ROW EXECUTE FUNCTION ticket_events_append_only();
CREATE TRIGGER ticket_events_no_truncate
    BEFORE TRUNCATE ON ticket_events
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_events_append_only();

-- Record one audit event for a ticket, by the calling agent, stamped with
-- the ticket's current version (call it AFTER updating the ticket row), and
-- NOTIFY channel 'ticketty' with {"ticket":ID,"kind":"..."}. Returns the
-- event id. Internal: only the owner's SECURITY DEFINER API functions call
-- it; agents cannot (no EXECUTE, and no INSERT on ticket_events anyway).
CREATE FUNCTION audit(ticket bigint, kind text, details jsonb DEFAULT '{}') RETURNS bigint
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

-- -------------------------------------------------- function privileges --

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ticketty FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    session_agent_id(),
    current_agent_id(),
    current_agent_role(),
    require_role(VARIADIC agent_role[]),
    is_valid_time_zone(text),
    default_calendar_id(),
    tt_now(),
    clock_may_pin()
TO ticketty_agent;
REVOKE ALL ON FUNCTION audit(bigint, text, jsonb)      FROM ticketty_agent;
REVOKE ALL ON FUNCTION ticket_events_append_only()     FROM ticketty_agent;
REVOKE ALL ON FUNCTION calendars_check_time_zone()     FROM ticketty_agent;
