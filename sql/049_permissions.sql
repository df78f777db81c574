-- 049_permissions.sql: closes every write path for agents and checks it.
--
-- 002 granted agents SELECT only; this migration makes that a guarantee
-- for everything created since: no INSERT/UPDATE/DELETE/TRUNCATE/
-- REFERENCES/TRIGGER on any table of the schema, no sequence writes, no
-- CREATE in the schema, for ticketty_agent, each per-role group and PUBLIC.
-- schema_migrations is readable (clients check the schema version) and
-- nothing else. Policy (calendars, hours, holidays, SLA targets, routing),
-- agents and customers change only through admin-only API functions.
-- security_violations() lists what breaks these rules (and every other
-- way an agent could gain a write: column grants, superuser or owner
-- roles, disabled triggers, row-level security off, a loose search_path,
-- callable internal helpers); tests/db/test_security.c plants each one,
-- `ticketty db migrate` and `db version` run it and exit 78 on a problem.

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

-- @function agent_roles (sql/functions/permissions.sql)

-- @function agent_callable_helpers (sql/functions/permissions.sql)

-- @function rls_tables (sql/functions/permissions.sql)

-- ------------------------------------------------ who sees what (RLS) --
--
-- Support staff (engineer, csm, coo, ceo, admin) talk to customers and own
-- the conversation: they see every contact and every comment. Product
-- managers and developers collaborate through internal notes only
-- (DESIGN.md section 5): they see no contact's personal data (name, email,
-- phone) and the internal notes only of the tickets they were added to as
-- collaborators (and the ones they wrote). Public replies and customer
-- mail stay visible to every agent. Mail in and out (mail_inbound,
-- mail_outbox: the contacts' addresses) is support staff's only, by the
-- same rule (its policies are in 060, where the tables are made). API
-- functions run as the schema owner and so are not filtered: the ones
-- that hand out contact data (api_contacts_list, api_inbox_prefill)
-- require a support role; docs/access.md states the model.

-- @function session_agent_is_support (sql/functions/permissions.sql)

ALTER TABLE contacts ENABLE ROW LEVEL SECURITY;
CREATE POLICY contacts_visible ON contacts FOR SELECT TO ticketty_agent
    USING ((SELECT session_agent_is_support()));

ALTER TABLE comments ENABLE ROW LEVEL SECURITY;
CREATE POLICY comments_visible ON comments FOR SELECT TO ticketty_agent
    USING (kind <> 'internal'
           OR (SELECT session_agent_is_support())
           OR author_id = (SELECT session_agent_id())
           OR EXISTS (SELECT 1 FROM ticket_collaborators c
                       WHERE c.ticket_id = comments.ticket_id
                         AND c.agent_id = (SELECT session_agent_id())));

-- @function security_violations (sql/functions/permissions.sql)

