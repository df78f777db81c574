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

-- @function session_agent_id (sql/functions/security.sql)

-- @function current_agent_id (sql/functions/security.sql)

-- @function current_agent_role (sql/functions/security.sql)

-- @function require_role (sql/functions/security.sql)

-- ---------------------------------------------------------- audit log ----

-- @function ticket_events_append_only (sql/functions/security.sql)

CREATE TRIGGER ticket_events_append_only
    BEFORE UPDATE OR DELETE ON ticket_events
    FOR EACH ROW EXECUTE FUNCTION ticket_events_append_only();
CREATE TRIGGER ticket_events_no_truncate
    BEFORE TRUNCATE ON ticket_events
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_events_append_only();

-- @function audit (sql/functions/security.sql)

-- -------------------------------------------------- function privileges --

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ticketty FROM PUBLIC;
GRANT EXECUTE ON FUNCTION is_valid_time_zone(text) TO ticketty_agent;
GRANT EXECUTE ON FUNCTION default_calendar_id() TO ticketty_agent;
GRANT EXECUTE ON FUNCTION tt_now() TO ticketty_agent;
GRANT EXECUTE ON FUNCTION clock_may_pin() TO ticketty_agent;

REVOKE ALL ON FUNCTION calendars_check_time_zone() FROM ticketty_agent;
