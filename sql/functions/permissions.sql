-- sql/functions/permissions.sql: the security self-check
-- (security_violations) and the lists it reads.
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- agent_roles
-- Every role an agent login can act as: ticketty_agent, ticketty_mail
-- (972: the mail gateway's) and every role below them (the group roles,
-- each person's login), every login named in
-- agents, and every role any of those is a member of (inherited or SET
-- ROLE-able; on PostgreSQL 16 a grant with neither option, such as the
-- ADMIN-only grant CREATEROLE gives a role's creator, does not count).
-- Superusers and the schema owner are NOT left out: an agent who can
-- become one is the first thing to report.
CREATE OR REPLACE FUNCTION agent_roles() RETURNS TABLE (roleid oid, rolname name)
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    WITH RECURSIVE edges AS (
        SELECT m.roleid, m.member FROM pg_catalog.pg_auth_members m
         WHERE coalesce((pg_catalog.to_jsonb(m) ->> 'set_option')::boolean
                        OR (pg_catalog.to_jsonb(m) ->> 'inherit_option')::boolean, true)
    ), below(oid) AS (
        SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname IN ('ticketty_agent', 'ticketty_mail')
        UNION
        SELECT e.member FROM edges e JOIN below b ON e.roleid = b.oid
    ), reach(oid) AS (
        SELECT b.oid FROM below b
        UNION
        SELECT r.oid FROM pg_catalog.pg_roles r JOIN agents a ON a.login = r.rolname
        UNION
        SELECT e.roleid FROM edges e JOIN reach x ON e.member = x.oid
    )
    SELECT r.oid, r.rolname FROM reach x JOIN pg_catalog.pg_roles r ON r.oid = x.oid
$$;
REVOKE ALL ON FUNCTION agent_roles() FROM ticketty_agent, PUBLIC;

--- agent_callable_helpers
-- Functions agents may EXECUTE besides the api_* functions: read-only
-- helpers the client, the agents' own statements and the row-level
-- security policies call (the comments in the list say why the later
-- ones are there). Any other function of the schema an agent can execute
-- is reported: a new internal helper must REVOKE EXECUTE ... FROM
-- ticketty_agent, or be added here on purpose (and then must not write).
CREATE OR REPLACE FUNCTION agent_callable_helpers() RETURNS name[]
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT ARRAY['clock_may_pin', 'tt_now', 'is_valid_time_zone', 'default_calendar_id',
                 'current_agent_id', 'current_agent_role', 'require_role', 'session_agent_id',
                 'session_agent_is_admin', 'session_agent_is_support', 'calendar_horizon_start', 'calendar_horizon_end',
                 -- who the session is, read on connecting (972)
                 'session_agent_row',
                 'business_position', 'business_position_cached', 'business_at',
                 'business_seconds', 'business_add', 'clock_add', 'clock_between',
                 'sla_target', 'sla_due', 'sla_risk_at', 'iso_in_zone', 'ticket_sla',
                 'ticket_deadlines', 'ticket_sla_json', 'ticket_sla_state',
                 'policy_json', 'escalation_rank', 'escalation_is_mine', 'escalation_can_act',
                 'is_following', 'json_safe_text', 'calendar_holidays', 'queue_sla',
                 'report_zone', 'report_today', 'report_args', 'report_name', 'report_sla',
                 'report_backlog', 'report_escalations', 'report_oldest',
                 -- the weekly trend of report sla's groups (850)
                 'report_sla_trend',
                 -- the intake and re-triage forms (020, 100): read-only
                 'intake_applies', 'intake_form', 'ticket_intake_payload',
                 -- search (070, 071): read-only, called by agents' queries
                 'search', 'search_json', 'search_partial', 'search_query',
                 'search_customer', 'search_window', 'search_doc', 'search_shared_doc',
                 'search_fields_doc', 'search_own_doc', 'search_party_doc', 'search_comment_doc',
                 'search_duplicates', 'tsvector_agg',
                 'customer_history', 'ticket_surviving', 'ticket_links_of', 'similarity',
                 'similarity_dist',
                 -- how a message reads in the inbox and the timeline (450)
                 'mail_delivery']::name[]
$$;
REVOKE ALL ON FUNCTION agent_callable_helpers() FROM ticketty_agent, PUBLIC;

--- mail_gateway_functions
-- Every function the mail gateway's logins (role mail, group
-- ticketty_mail, 972) may execute, and none besides: what `mail receive`
-- (store, note, attach, route, bounce), `mail send` (claim, files, the
-- words of a notification, sent, failed, refused, when next due) and
-- connecting (session_agent_row) call. Granted by mail_gateway_grant();
-- security_violations() reports a function the gateway may execute that
-- is not listed, and a listed one it may not.
CREATE OR REPLACE FUNCTION mail_gateway_functions() RETURNS text[]
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT ARRAY['session_agent_row()',
                 -- mail receive
                 'api_mail_size_check(bigint)',
                 'api_mail_store(bytea,text,text,text,text,text,text[],text,text)',
                 'api_mail_note(bigint,text)', 'api_mail_attach(bigint,text,text,bytea)',
                 'api_mail_route(bigint)', 'api_mail_bounced(bigint,text,text,text,text)',
                 -- mail send
                 'api_mail_claim(integer,integer)', 'api_mail_has_files(bigint)', 'api_mail_files(bigint)',
                 'api_mail_notification_event(bigint)', 'api_mail_notification_words(bigint,text)',
                 'api_mail_sent(bigint)', 'api_mail_failed(bigint,text)', 'api_mail_refused(bigint,text)',
                 'api_mail_next_due()']
$$;
REVOKE ALL ON FUNCTION mail_gateway_functions() FROM ticketty_agent, PUBLIC;

--- mail_gateway_grant
-- Gives ticketty_mail EXECUTE on exactly the functions
-- mail_gateway_functions() lists; run by `db migrate` each time it has
-- applied the function files (src/db/migrate.c), so a function dropped
-- and made again by a migration is granted again. A listed function that
-- does not exist is an error.
CREATE OR REPLACE FUNCTION mail_gateway_grant() RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_sig  text;
    v_proc regprocedure;
BEGIN
    REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ticketty FROM ticketty_mail;
    FOREACH v_sig IN ARRAY mail_gateway_functions() LOOP
        v_proc := pg_catalog.to_regprocedure('ticketty.' || v_sig);
        IF v_proc IS NULL THEN
            RAISE EXCEPTION 'mail_gateway_functions() lists %, which does not exist', v_sig;
        END IF;
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO ticketty_mail', v_proc);
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION mail_gateway_grant() FROM ticketty_agent, PUBLIC;

--- rls_tables
-- Tables whose rows agents see only through row-level security policies
-- (docs/access.md says who sees what). Row-level security must stay on for
-- these and for every table that has a policy.
CREATE OR REPLACE FUNCTION rls_tables() RETURNS name[]
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$ SELECT ARRAY['notifications', 'contacts', 'comments', 'mail_inbound', 'mail_outbox',
                    'ticket_search', 'attachments']::name[] $$;
REVOKE ALL ON FUNCTION rls_tables() FROM ticketty_agent, PUBLIC;

--- session_agent_is_support
-- True when the calling login is an active agent of a support role.
-- Never raises.
CREATE OR REPLACE FUNCTION session_agent_is_support() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce((SELECT a.role IN ('engineer', 'csm', 'coo', 'ceo', 'admin') FROM agents a
                      WHERE a.login = session_user AND a.active), false)
$$;

--- security_violations
-- Every way an agent could change data other than through an API function,
-- one row per problem (empty when the database is sound). Owner-only; run
-- by the test suites after every migration and by `ticketty db migrate` and
-- `ticketty db version`. Privileges are read from the ACLs themselves
-- (table, column, sequence, schema, database, function, default ACLs), so
-- a grant to PUBLIC, to a group role or to one login is found alike; what
-- ACLs cannot show (superuser, ownership, predefined roles, disabled
-- triggers, row-level security off, a loose search_path) is checked apart.
CREATE OR REPLACE FUNCTION security_violations()
    RETURNS TABLE (object text, problem text)
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    WITH grantee AS (
        SELECT g.roleid, g.rolname::text AS rolname FROM agent_roles() g
        UNION ALL SELECT 0::oid, 'PUBLIC'
    ), rel AS (
        SELECT c.* FROM pg_catalog.pg_class c
         WHERE c.relnamespace = 'ticketty'::regnamespace
    ), fn AS (
        SELECT p.* FROM pg_catalog.pg_proc p WHERE p.pronamespace = 'ticketty'::regnamespace
    )
    -- table privileges beyond SELECT (tables, views, foreign tables)
    SELECT c.relname::text, format('%s has %s', g.rolname, a.privilege_type)
      FROM rel c
      CROSS JOIN LATERAL pg_catalog.aclexplode(coalesce(c.relacl, pg_catalog.acldefault('r', c.relowner))) a
      JOIN grantee g ON g.roleid = a.grantee
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.privilege_type <> 'SELECT'
    UNION ALL
    -- column privileges beyond SELECT (GRANT UPDATE (col) ...)
    SELECT c.relname::text, format('%s has %s on column %s', g.rolname, a.privilege_type, att.attname)
      FROM rel c
      JOIN pg_catalog.pg_attribute att ON att.attrelid = c.oid AND att.attacl IS NOT NULL
      CROSS JOIN LATERAL pg_catalog.aclexplode(att.attacl) a
      JOIN grantee g ON g.roleid = a.grantee
     WHERE a.privilege_type <> 'SELECT'
    UNION ALL
    -- sequence writes (nextval, setval)
    SELECT c.relname::text, format('%s has %s', g.rolname, a.privilege_type)
      FROM rel c
      CROSS JOIN LATERAL pg_catalog.aclexplode(coalesce(c.relacl, pg_catalog.acldefault('s', c.relowner))) a
      JOIN grantee g ON g.roleid = a.grantee
     WHERE c.relkind = 'S' AND a.privilege_type IN ('USAGE', 'UPDATE')
    UNION ALL
    -- CREATE in any schema of this database, or in the database itself
    SELECT 'schema ' || n.nspname, format('%s has CREATE', g.rolname)
      FROM pg_catalog.pg_namespace n
      CROSS JOIN LATERAL pg_catalog.aclexplode(coalesce(n.nspacl, pg_catalog.acldefault('n', n.nspowner))) a
      JOIN grantee g ON g.roleid = a.grantee
     WHERE a.privilege_type = 'CREATE'
    UNION ALL
    SELECT 'database ' || d.datname, format('%s has CREATE', g.rolname)
      FROM pg_catalog.pg_database d
      CROSS JOIN LATERAL pg_catalog.aclexplode(coalesce(d.datacl, pg_catalog.acldefault('d', d.datdba))) a
      JOIN grantee g ON g.roleid = a.grantee
     WHERE d.datname = pg_catalog.current_database() AND a.privilege_type = 'CREATE'
    UNION ALL
    -- default privileges that would hand agents a write on future objects
    SELECT 'default privileges', format('%s would get %s on new %s', g.rolname, a.privilege_type,
                                        CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences'
                                             WHEN 'n' THEN 'schemas' ELSE 'objects' END)
      FROM pg_catalog.pg_default_acl d
      CROSS JOIN LATERAL pg_catalog.aclexplode(d.defaclacl) a
      JOIN grantee g ON g.roleid = a.grantee
     WHERE d.defaclnamespace IN (0, 'ticketty'::regnamespace)
       AND ((d.defaclobjtype = 'r' AND a.privilege_type <> 'SELECT')
            OR (d.defaclobjtype = 'S' AND a.privilege_type IN ('USAGE', 'UPDATE'))
            OR (d.defaclobjtype = 'n' AND a.privilege_type = 'CREATE'))
    UNION ALL
    -- internal functions agents may call: those of ticketty, not those of an
    -- extension in the schema (pg_trgm, btree_gist, unaccent: 070). Those
    -- belong to the bootstrap superuser when a non-superuser owner made
    -- the (trusted) extension, so that owner cannot revoke the EXECUTE of
    -- PUBLIC on them; they write nothing, and one that is SECURITY
    -- DEFINER is still judged below.
    SELECT p.oid::regprocedure::text, format('%s may execute this internal function', g.rolname)
      FROM fn p
      CROSS JOIN LATERAL pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) a
      JOIN grantee g ON g.roleid = a.grantee
     WHERE a.privilege_type = 'EXECUTE'
       AND p.proname NOT LIKE 'api\_%'
       AND p.proname <> ALL (agent_callable_helpers())
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                        WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid
                          AND d.deptype = 'e')
    UNION ALL
    -- SECURITY DEFINER functions elsewhere that agents may call
    SELECT p.oid::regprocedure::text, format('%s may execute this SECURITY DEFINER function outside the schema',
                                            g.rolname)
      FROM pg_catalog.pg_proc p
      JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
      CROSS JOIN LATERAL pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) a
      JOIN grantee g ON g.roleid = a.grantee
     WHERE p.prosecdef AND a.privilege_type = 'EXECUTE'
       AND n.nspname NOT IN ('ticketty', 'pg_catalog', 'information_schema')
    UNION ALL
    -- SECURITY DEFINER functions must pin search_path to exactly
    -- "ticketty, pg_temp": pg_temp anywhere but last lets a caller's
    -- temporary objects shadow the schema's, any other schema may hold
    -- objects agents created
    SELECT p.oid::regprocedure::text,
           CASE WHEN sp.path IS NULL THEN 'SECURITY DEFINER without SET search_path'
                ELSE format('SECURITY DEFINER with search_path %s (must be ticketty, pg_temp)', sp.path) END
      FROM fn p
      LEFT JOIN LATERAL (SELECT substr(cfg, length('search_path=') + 1) AS path
                           FROM unnest(p.proconfig) AS cfg WHERE cfg LIKE 'search\_path=%') sp ON true
     WHERE p.prosecdef
       AND (sp.path IS NULL
            OR pg_catalog.regexp_split_to_array(sp.path, '\s*,\s*')
               <> ARRAY['ticketty', 'pg_temp'])
    UNION ALL
    -- roles agents can act as that bypass every privilege check
    SELECT 'role ' || r.rolname,
           format('agents can act as %s, which has %s', r.rolname, attr.name)
      FROM agent_roles() g
      JOIN pg_catalog.pg_roles r ON r.oid = g.roleid
      CROSS JOIN LATERAL (VALUES ('SUPERUSER', r.rolsuper), ('CREATEROLE', r.rolcreaterole),
                                 ('BYPASSRLS', r.rolbypassrls), ('REPLICATION', r.rolreplication))
                         AS attr(name, is_set)
     WHERE attr.is_set
    UNION ALL
    SELECT 'role ' || g.rolname, format('agents can act as %s', g.rolname)
      FROM agent_roles() g
     WHERE g.rolname IN ('pg_write_all_data', 'pg_write_server_files', 'pg_execute_server_program',
                         'pg_read_server_files', 'pg_signal_backend')
    UNION ALL
    -- ownership: an owner may do anything to what it owns
    SELECT o.what, format('owned by %s, whom agents can act as', g.rolname)
      FROM (SELECT 'schema ticketty' AS what, n.nspowner AS owner
              FROM pg_catalog.pg_namespace n WHERE n.nspname = 'ticketty'
            UNION ALL
            SELECT 'database ' || d.datname, d.datdba
              FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()
            UNION ALL
            SELECT c.relname::text, c.relowner FROM rel c
            UNION ALL
            SELECT p.oid::regprocedure::text, p.proowner FROM fn p
            UNION ALL
            SELECT t.oid::regtype::text, t.typowner
              FROM pg_catalog.pg_type t WHERE t.typnamespace = 'ticketty'::regnamespace) o
      JOIN agent_roles() g ON g.roleid = o.owner
    UNION ALL
    -- every trigger of the schema fires (the audit log's append-only rule,
    -- SLA deadlines, notifications, escalation order)
    SELECT c.relname::text, format('trigger %s is disabled', tg.tgname)
      FROM pg_catalog.pg_trigger tg
      JOIN rel c ON c.oid = tg.tgrelid
     WHERE NOT tg.tgisinternal AND tg.tgenabled NOT IN ('O', 'A')
    UNION ALL
    SELECT 'ticket_events', 'append-only trigger missing'
     WHERE (SELECT count(*) FROM pg_catalog.pg_trigger tg
             WHERE tg.tgrelid = 'ticketty.ticket_events'::regclass
               AND tg.tgfoid = 'ticketty.ticket_events_append_only()'::regprocedure
               AND tg.tgname IN ('ticket_events_append_only', 'ticket_events_no_truncate')) <> 2
    UNION ALL
    -- row-level security stays on
    SELECT c.relname::text, 'row-level security is off'
      FROM rel c
     WHERE c.relkind IN ('r', 'p') AND NOT c.relrowsecurity
       AND (c.relname = ANY (rls_tables())
            OR EXISTS (SELECT 1 FROM pg_catalog.pg_policy pol WHERE pol.polrelid = c.oid))
    UNION ALL
    -- a view reads with its owner's rights: over a table with row-level
    -- security it shows agents every row, unless it runs as its reader
    SELECT v.relname::text, format('agents may read this view, which reads %s past its row-level security',
                                   t.relname)
      FROM rel v
      JOIN pg_catalog.pg_rewrite rw ON rw.ev_class = v.oid
      JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = rw.oid
                                 AND d.refclassid = 'pg_catalog.pg_class'::regclass
      JOIN pg_catalog.pg_class t ON t.oid = d.refobjid AND t.oid <> v.oid
     WHERE v.relkind IN ('v', 'm')
       AND (t.relrowsecurity OR (t.relnamespace = 'ticketty'::regnamespace AND t.relname = ANY (rls_tables())))
       AND (v.relkind = 'm'
            OR NOT EXISTS (SELECT 1 FROM unnest(v.reloptions) AS o
                            WHERE lower(o) IN ('security_invoker=true', 'security_invoker=on',
                                               'security_invoker=1', 'security_invoker=yes')))
       AND EXISTS (SELECT 1
                     FROM pg_catalog.aclexplode(coalesce(v.relacl, pg_catalog.acldefault('r', v.relowner))) a
                     JOIN grantee g ON g.roleid = a.grantee
                    WHERE a.privilege_type = 'SELECT')
     GROUP BY v.relname, t.relname
    UNION ALL
    -- the mail gateway (972) reads no table of the desk: its group role
    -- and its logins are no members of ticketty_agent, which reads them all
    SELECT 'role ' || r.rolname, format('%s (the mail gateway) can act as ticketty_agent, which reads every table',
                                        r.rolname)
      FROM pg_catalog.pg_roles r
     WHERE (r.rolname = 'ticketty_mail'
            OR r.rolname IN (SELECT a.login FROM agents a WHERE a.role::text = 'mail' AND a.active))
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles t WHERE t.rolname = 'ticketty_agent')
       AND pg_catalog.pg_has_role(r.oid, 'ticketty_agent', 'MEMBER')
    UNION ALL
    -- ... nor any table or column beyond the schema's version and the
    -- desk's zone, which every client reads on connecting
    SELECT c.relname::text, format('ticketty_mail (the mail gateway) has %s', a.privilege_type)
      FROM rel c
      CROSS JOIN LATERAL pg_catalog.aclexplode(coalesce(c.relacl, pg_catalog.acldefault('r', c.relowner))) a
      JOIN pg_catalog.pg_roles m ON m.oid = a.grantee AND m.rolname = 'ticketty_mail'
     WHERE NOT (a.privilege_type = 'SELECT' AND c.relname IN ('schema_migrations', 'schema_functions'))
    UNION ALL
    SELECT c.relname::text, format('ticketty_mail (the mail gateway) has %s on column %s', a.privilege_type, att.attname)
      FROM rel c
      JOIN pg_catalog.pg_attribute att ON att.attrelid = c.oid AND att.attacl IS NOT NULL
      CROSS JOIN LATERAL pg_catalog.aclexplode(att.attacl) a
      JOIN pg_catalog.pg_roles m ON m.oid = a.grantee AND m.rolname = 'ticketty_mail'
     WHERE NOT (a.privilege_type = 'SELECT' AND c.relname = 'calendars'
                AND att.attname IN ('time_zone', 'is_default'))
    UNION ALL
    -- ... and executes exactly the functions it needs
    SELECT p.oid::regprocedure::text, 'ticketty_mail (the mail gateway) may execute this function, '
                                      'which mail_gateway_functions() does not list'
      FROM fn p
      CROSS JOIN LATERAL pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) a
      JOIN pg_catalog.pg_roles m ON m.oid = a.grantee AND m.rolname = 'ticketty_mail'
     WHERE a.privilege_type = 'EXECUTE'
       AND p.oid <> ALL (SELECT pg_catalog.to_regprocedure('ticketty.' || g) FROM unnest(mail_gateway_functions()) g
                          WHERE pg_catalog.to_regprocedure('ticketty.' || g) IS NOT NULL)
    UNION ALL
    SELECT g, 'ticketty_mail (the mail gateway) may not execute this function, which it needs'
      FROM unnest(mail_gateway_functions()) g
     WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_roles m WHERE m.rolname = 'ticketty_mail')
       AND (pg_catalog.to_regprocedure('ticketty.' || g) IS NULL
            OR NOT pg_catalog.has_function_privilege('ticketty_mail', pg_catalog.to_regprocedure('ticketty.' || g),
                                                     'EXECUTE'))
    UNION ALL
    -- the helpers agents may call must not write: a VOLATILE one may
    SELECT p.oid::regprocedure::text, format('%s may execute this VOLATILE helper, which may write', g.rolname)
      FROM fn p
      CROSS JOIN LATERAL pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) a
      JOIN grantee g ON g.roleid = a.grantee
     WHERE a.privilege_type = 'EXECUTE' AND p.provolatile = 'v'
       AND p.proname = ANY (agent_callable_helpers())
$$;
REVOKE ALL ON FUNCTION security_violations() FROM ticketty_agent, PUBLIC;
