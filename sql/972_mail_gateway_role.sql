-- 972_mail_gateway_role.sql: the group role of the mail gateway's logins,
-- ticketty_mail. It is NOT a member of ticketty_agent: its logins read
-- no table of the desk (no ticket, note, contact or agent), call no
-- function of the agents', and pass no pg_hba line written for
-- +ticketty_agent. They may read the schema's version (as every client
-- checks it on connecting), the desk's time zone, and execute the
-- functions mail_gateway_functions() lists (permissions.sql), granted
-- by mail_gateway_grant() each time `db migrate` applies the function
-- files. security_violations() reports anything more.

SELECT set_config('search_path', 'ticketty', true);

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'ticketty_mail') THEN
        BEGIN
            CREATE ROLE ticketty_mail NOLOGIN;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE EXCEPTION 'role "%" does not exist and "%" may not create roles', 'ticketty_mail', current_user
                USING ERRCODE = '42501',
                      HINT = 'Apply this migration as a superuser, give the owner CREATEROLE, '
                             'or have a superuser create the ticketty_* roles first.';
        END;
    END IF;
END
$$;

REVOKE ALL ON ALL TABLES IN SCHEMA ticketty FROM ticketty_mail;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA ticketty FROM ticketty_mail;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ticketty FROM ticketty_mail;
REVOKE CREATE ON SCHEMA ticketty FROM ticketty_mail;
GRANT USAGE ON SCHEMA ticketty TO ticketty_mail;
-- what every client reads on connecting (src/model/agent.c): the schema's
-- version and the desk's zone, which the gateway's times are said in
GRANT SELECT ON TABLE schema_migrations, schema_functions TO ticketty_mail;
GRANT SELECT (time_zone, is_default) ON TABLE calendars TO ticketty_mail;
