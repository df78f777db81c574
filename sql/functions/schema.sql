-- sql/functions/schema.sql: the clock (tt_now, the pin tests use) and the
-- calendars' own checks.
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- clock_may_pin
-- True when the login of this session may pin the clock (owner, superuser
-- or a role granted UPDATE on clock_pin; never an agent).
CREATE OR REPLACE FUNCTION clock_may_pin() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT pg_catalog.has_table_privilege(session_user, 'ticketty.clock_pin', 'UPDATE')
$$;

--- tt_now
-- The one clock every rule reads (see its COMMENT below): the session's
-- pin ticketty.now (only for a login that may pin the clock), else the
-- database pin in clock_pin (frozen, or running on from when it was set),
-- else now(). PL/pgSQL: its sub-select keeps an SQL body from ever being
-- inlined, and a non-inlined SQL function is parsed and planned again in
-- every transaction (~80 us); PL/pgSQL keeps the plan for the session.
CREATE OR REPLACE FUNCTION tt_now() RETURNS timestamptz
    LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
BEGIN
    RETURN coalesce(
        CASE WHEN coalesce(pg_catalog.current_setting('ticketty.now', true), '') <> ''
                  AND ticketty.clock_may_pin()
             THEN pg_catalog.current_setting('ticketty.now', true)::timestamptz END,
        (SELECT CASE WHEN p.frozen THEN p.pinned_at
                     ELSE p.pinned_at + (pg_catalog.now() - p.set_at) END
           FROM ticketty.clock_pin p),
        pg_catalog.now());
END
$$;
COMMENT ON FUNCTION tt_now() IS
    'The one clock every rule reads: the session pin (privileged logins only), else the database pin, else now().';  -- layer-check: real clock

--- is_valid_time_zone
-- True when the name is a time zone PostgreSQL knows (IANA names such as
-- 'America/New_York'). STABLE, not IMMUTABLE: it reads pg_timezone_names,
-- so it is enforced by a trigger rather than a CHECK constraint.
CREATE OR REPLACE FUNCTION is_valid_time_zone(tz text) RETURNS boolean
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$ SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_timezone_names WHERE name = tz) $$;

--- calendars_check_time_zone
-- Trigger on calendars: refuses a time zone is_valid_time_zone() does not
-- know (22023, with a hint).
CREATE OR REPLACE FUNCTION calendars_check_time_zone() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF NOT is_valid_time_zone(NEW.time_zone) THEN
        RAISE EXCEPTION 'unknown time zone "%"', NEW.time_zone
            USING ERRCODE = '22023',
                  HINT = 'Use an IANA zone name such as America/New_York (see pg_timezone_names).';
    END IF;
    RETURN NEW;
END
$$;

--- default_calendar_id
-- The calendar flagged is_default (NULL when there is none).
CREATE OR REPLACE FUNCTION default_calendar_id() RETURNS smallint
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$ SELECT id FROM calendars WHERE is_default $$;
