-- sql/functions/mail.sql: mail settings and who may read mail in and out.
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- mail_setting
-- The policy value for key (NULL when unset). PL/pgSQL without SET, so
-- its plan is kept for the session (as SQL with a SET clause it was parsed
-- and planned on every call, six calls per mail queued).
CREATE OR REPLACE FUNCTION mail_setting(p_key text) RETURNS text
    LANGUAGE plpgsql STABLE
AS $$
BEGIN
    RETURN (SELECT m.value FROM ticketty.mail_policy m WHERE m.key = p_key);
END
$$;
REVOKE ALL ON FUNCTION mail_setting(text) FROM ticketty_agent;

--- api_mail_reader
-- The calling agent's id when it may read mail in and out: support staff
-- (engineer, csm, coo, ceo, admin). TT403 for any other role, and as
-- current_agent_id() for a login that is no active agent.
CREATE OR REPLACE FUNCTION api_mail_reader() RETURNS int
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    RETURN require_role('engineer', 'csm', 'coo', 'ceo', 'admin');  -- 060's policies, 049
END
$$;
