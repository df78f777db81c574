-- 005_admin.sql: administration API (customers, contacts, agents).
--
-- Used by `ticketty admin ...`. Allowed for an active agent whose role is
-- admin, and for superuser sessions (the bootstrap case: nobody is an agent
-- yet; a superuser can change anything anyway, so refusing it protects
-- nothing). Everyone else gets TT403. Refused input raises TT400 with one
-- DETAIL line per field: field<TAB>code<TAB>English message.
--
-- Every change an admin makes (customers, contacts, agents, policy, canned
-- replies) writes one admin_events row in the same transaction: who, what,
-- the record before and after. The table is append-only and readable by
-- admins only, through api_admin_audit().
--
-- Agents are PostgreSQL login roles: agent add creates the role (LOGIN, no
-- password unless one is given, so peer/cert authentication works), grants
-- the group role ticketty_<role> and inserts the agents row, in one
-- transaction. The function owner therefore needs CREATEROLE (a superuser
-- owner has it).

SELECT set_config('search_path', 'ticketty', true);

-- ---------------------------------------------------------- audit log --

CREATE TABLE admin_events (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT tt_now(),
    actor_id    int REFERENCES agents,
    actor_login name NOT NULL DEFAULT session_user,
    action      text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.-]*$'),
    object_kind text NOT NULL CHECK (object_kind ~ '^[a-z_]+$'),
    object_id   bigint,
    object_name text,
    before      jsonb,
    after       jsonb
);
CREATE INDEX admin_events_at_idx ON admin_events (at, id);
COMMENT ON TABLE admin_events IS
    'Append-only audit of administration: who changed which customer, contact, agent, policy or canned reply, before and after.';
CREATE TRIGGER admin_events_append_only
    BEFORE UPDATE OR DELETE ON admin_events
    FOR EACH ROW EXECUTE FUNCTION ticket_events_append_only();
CREATE TRIGGER admin_events_no_truncate
    BEFORE TRUNCATE ON admin_events
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_events_append_only();
-- admins read it through api_admin_audit(), nobody else
REVOKE ALL ON admin_events FROM ticketty_agent, PUBLIC;

-- @function admin_audit (sql/functions/admin.sql)

-- @function admin_customer_json (sql/functions/admin.sql)

-- @function admin_contact_json (sql/functions/admin.sql)

-- @function admin_agent_json (sql/functions/admin.sql)

-- ------------------------------------------------------------ helpers --

-- @function admin_caller (sql/functions/admin.sql)

-- @function admin_refuse_if (sql/functions/admin.sql)

-- @function admin_problem (sql/functions/admin.sql)

-- @function admin_email_ok (sql/functions/admin.sql)

-- @function admin_login_ok (sql/functions/admin.sql)

-- @function admin_ensure_login (sql/functions/admin.sql)

-- @function admin_find_customer (sql/functions/admin.sql)

-- ----------------------------------------------------------- customers --

-- ------------------------------------------------------------ contacts --

-- @function api_admin_contact_add (sql/functions/admin.sql)

-- -------------------------------------------------------------- agents --

-- @function api_admin_agent_add (sql/functions/admin.sql)

-- @function api_admin_agent_deactivate (sql/functions/admin.sql)

-- ------------------------------------------------ records that change --

-- @function admin_bool (sql/functions/admin.sql)

-- @function api_admin_customer_set (sql/functions/admin.sql)

-- @function api_admin_customer_deactivate (sql/functions/admin.sql)

-- @function admin_find_contact (sql/functions/admin.sql)

-- @function api_admin_contact_set (sql/functions/admin.sql)

-- @function api_admin_contact_deactivate (sql/functions/admin.sql)

-- @function api_contacts_list (sql/functions/admin.sql)

-- @function api_admin_audit (sql/functions/admin.sql)

-- ------------------------------------------------------------ listings --

-- @function api_admin_customer_list (sql/functions/admin.sql)

-- @function api_admin_contact_list (sql/functions/admin.sql)

-- @function api_admin_agent_list (sql/functions/admin.sql)

-- -------------------------------------------------- function privileges --

