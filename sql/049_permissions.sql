-- 049_permissions.sql: closes every write path for agents and checks it.
--
-- 002 granted agents SELECT only; this migration makes that a guarantee
-- for everything created since: no INSERT/UPDATE/DELETE/TRUNCATE/
-- REFERENCES/TRIGGER on any table of the schema, no sequence writes, no
-- CREATE in the schema, for ticketty_agent, each per-role group and PUBLIC.
-- schema_migrations is readable (clients check the schema version) and
-- nothing else. Policy (calendars, hours, holidays, SLA targets, routing),
-- agents and customers change only through admin-only API functions.
-- security_violations() lists what breaks these rules; the test suite
-- asserts it is empty after every migration has run.

SELECT set_config('search_path', 'ticketty', true);

DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['ticketty_agent', 'ticketty_engineer', 'ticketty_csm',
                             'ticketty_coo', 'ticketty_ceo', 'ticketty_pm',
                             'ticketty_developer', 'ticketty_admin', 'public']
    LOOP
        EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER '
                       'ON ALL TABLES IN SCHEMA ticketty FROM %s', r);
        EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA ticketty FROM %s', r);
        EXECUTE format('REVOKE CREATE ON SCHEMA ticketty FROM %s', r);
        EXECUTE format('REVOKE ALL ON TABLE schema_migrations FROM %s', r);
    END LOOP;
END
$$;
GRANT SELECT ON TABLE schema_migrations TO ticketty_agent;

-- Every role that acts as an agent: members of ticketty_agent (the group
-- roles and each person's login), except superusers and the schema owner.
CREATE FUNCTION agent_roles() RETURNS TABLE (rolname name)
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT r.rolname FROM pg_catalog.pg_roles r
     WHERE NOT r.rolsuper
       AND pg_catalog.pg_has_role(r.oid, 'ticketty_agent', 'MEMBER')
       AND r.oid <> (SELECT n.nspowner FROM pg_catalog.pg_namespace n WHERE n.nspname = 'ticketty')
$$;

-- Every way an agent could change data without an API function, one row
-- per problem (empty when the schema is sound). Owner-only.
CREATE FUNCTION security_violations()
    RETURNS TABLE (object text, problem text)
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    -- table privileges beyond SELECT
    SELECT c.relname::text, format('%s has %s', g.rolname, p.priv)
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'ticketty'
      CROSS JOIN agent_roles() g
      CROSS JOIN unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) AS p(priv)
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
       AND pg_catalog.has_table_privilege(g.rolname, c.oid, p.priv)
    UNION ALL
    -- sequence writes
    SELECT c.relname::text, format('%s has %s', g.rolname, p.priv)
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'ticketty'
      CROSS JOIN agent_roles() g
      CROSS JOIN unnest(ARRAY['USAGE', 'UPDATE']) AS p(priv)
     WHERE c.relkind = 'S'
       AND pg_catalog.has_sequence_privilege(g.rolname, c.oid, p.priv)
    UNION ALL
    -- SECURITY DEFINER functions must pin their search_path
    SELECT p.oid::regprocedure::text, 'SECURITY DEFINER without SET search_path'
      FROM pg_catalog.pg_proc p
      JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace AND n.nspname = 'ticketty'
     WHERE p.prosecdef
       AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) AS cfg WHERE cfg LIKE 'search\_path=%')
    UNION ALL
    -- agents may create nothing in the schema
    SELECT 'schema ticketty', format('%s has CREATE', g.rolname)
      FROM agent_roles() g
     WHERE pg_catalog.has_schema_privilege(g.rolname, 'ticketty', 'CREATE')
    UNION ALL
    -- the audit log keeps its append-only triggers
    SELECT 'ticket_events', 'append-only trigger missing'
     WHERE (SELECT count(*) FROM pg_catalog.pg_trigger tg
             WHERE tg.tgrelid = 'ticketty.ticket_events'::regclass
               AND tg.tgname IN ('ticket_events_append_only', 'ticket_events_no_truncate')) <> 2
$$;
REVOKE ALL ON FUNCTION security_violations(), agent_roles() FROM ticketty_agent, PUBLIC;
