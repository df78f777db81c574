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

-- Records one administration change by the session's login (and its agent
-- row when it is an active agent). Internal.
CREATE FUNCTION admin_audit(action text, kind text, object_id bigint, object_name text,
                            before jsonb, after jsonb) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_id bigint;
BEGIN
    INSERT INTO admin_events (actor_id, action, object_kind, object_id, object_name, before, after)
    VALUES (session_agent_id(),
            admin_audit.action, admin_audit.kind, admin_audit.object_id, admin_audit.object_name,
            admin_audit.before, admin_audit.after)
    RETURNING id INTO v_id;
    RETURN v_id;
END
$$;

-- The records as the audit log keeps them.
CREATE FUNCTION admin_customer_json(id int) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT jsonb_build_object('name', c.name, 'member_id', c.member_id, 'plan', c.plan,
                              'csm', a.login, 'account_rep_name', c.account_rep_name,
                              'account_rep_email', c.account_rep_email, 'active', c.active)
      FROM customers c LEFT JOIN agents a ON a.id = c.csm_id
     WHERE c.id = admin_customer_json.id
$$;

CREATE FUNCTION admin_contact_json(id int) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT jsonb_build_object('customer', c.name, 'name', k.name, 'email', k.email,
                              'phone', k.phone, 'spoc', k.spoc, 'active', k.active)
      FROM contacts k JOIN customers c ON c.id = k.customer_id
     WHERE k.id = admin_contact_json.id
$$;

CREATE FUNCTION admin_agent_json(id int) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT jsonb_build_object('login', a.login, 'name', a.display_name, 'email', a.email,
                              'role', a.role, 'team', t.key, 'active', a.active)
      FROM agents a LEFT JOIN teams t ON t.id = a.team_id
     WHERE a.id = admin_agent_json.id
$$;

-- ------------------------------------------------------------ helpers --

-- The caller of an admin function: the admin agent's id, or NULL for a
-- superuser session (which may also be an agent of any role); TT403 else.
CREATE FUNCTION admin_caller() RETURNS int
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r
                  WHERE r.rolname = session_user), false) THEN
        RETURN session_agent_id();
    END IF;
    RETURN require_role('admin');
END
$$;

-- Raises TT400 when `problems` holds refused fields (lines field\tcode\tmsg).
CREATE FUNCTION admin_refuse_if(problems text[], summary text) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF cardinality(problems) > 0 THEN
        RAISE EXCEPTION '%', summary
            USING ERRCODE = 'TT400', DETAIL = array_to_string(problems, E'\n');
    END IF;
END
$$;

-- One refusal line.
CREATE FUNCTION admin_problem(field text, code text, message text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$ SELECT field || E'\t' || code || E'\t' || message $$;

-- True for a plausible e-mail address: local@domain.tld, no blanks or <>.
CREATE FUNCTION admin_email_ok(email text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$ SELECT email ~ '^[^@\s<>]+@[^@\s<>.]+(\.[^@\s<>.]+)+$' AND length(email) <= 254 $$;

-- True for a login name an agent role may take: a lower-case SQL
-- identifier that is not one of PostgreSQL's or ticketty's own role names.
CREATE FUNCTION admin_login_ok(login text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT login ~ '^[a-z_][a-z0-9_]{0,62}$'
       AND login !~ '^(pg_|ticketty_)'
       AND login NOT IN ('public', 'none', 'current_user', 'session_user', 'current_role')
$$;

-- Makes `login` a PostgreSQL LOGIN role (created without a password when
-- missing) that is a member of ticketty_<role>. Used by agent add and by
-- the demo seeder. Runs with the owner's rights.
CREATE FUNCTION admin_ensure_login(login text, role agent_role) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_group text := 'ticketty_' || role::text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = login) THEN
        EXECUTE format('CREATE ROLE %I LOGIN', login);
    END IF;
    IF NOT pg_catalog.pg_has_role(login, v_group, 'MEMBER') THEN
        EXECUTE format('GRANT %I TO %I', v_group, login);
    END IF;
END
$$;

-- The customer named by `ref`: its id ("12" or "#12") when such a customer
-- exists, else the customer whose name matches ignoring case; NULL if none.
CREATE FUNCTION admin_find_customer(ref text) RETURNS int
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce(
        (SELECT c.id FROM customers c
          WHERE ref ~ '^#?[0-9]{1,9}$' AND c.id = ltrim(ref, '#')::int),
        (SELECT c.id FROM customers c WHERE lower(c.name) = lower(btrim(ref))
          ORDER BY c.id LIMIT 1))
$$;

-- ----------------------------------------------------------- customers --

-- Adds a customer; returns its id. member_id is text so that a malformed
-- number is reported as a field like every other refusal. account_rep is
-- "Name <email>".
CREATE FUNCTION api_admin_customer_add(p_name text, p_member_id text, p_plan text,
                                       p_csm text DEFAULT NULL,
                                       p_account_rep text DEFAULT NULL) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
    v_name     text := btrim(p_name);
    v_member   bigint;
    v_csm      agents%ROWTYPE;
    v_rep      text[];
    v_id       int;
BEGIN
    PERFORM admin_caller();

    IF v_name IS NULL OR v_name = '' THEN
        v_problems := v_problems || admin_problem('name', 'required', 'a customer name is required');
    ELSIF char_length(v_name) > 200 THEN
        v_problems := v_problems || admin_problem('name', 'too_long', 'at most 200 characters');
    ELSIF EXISTS (SELECT 1 FROM customers c WHERE lower(c.name) = lower(v_name)) THEN
        v_problems := v_problems || admin_problem('name', 'duplicate',
                                                  'a customer with this name already exists');
    END IF;

    IF p_member_id IS NULL OR btrim(p_member_id) = '' THEN
        v_problems := v_problems || admin_problem('member_id', 'required', 'a member ID is required');
    ELSIF btrim(p_member_id) !~ '^[0-9]{1,18}$' OR btrim(p_member_id)::bigint = 0 THEN
        v_problems := v_problems || admin_problem('member_id', 'not_a_number',
                                                  'must be a positive whole number');
    ELSE
        v_member := btrim(p_member_id)::bigint;
        IF EXISTS (SELECT 1 FROM customers c WHERE c.member_id = v_member) THEN
            v_problems := v_problems || admin_problem('member_id', 'duplicate',
                                                      'another customer has this member ID');
        END IF;
    END IF;

    IF p_plan IS NULL OR btrim(p_plan) = '' THEN
        v_problems := v_problems || admin_problem('plan', 'required', 'premium or basic');
    ELSIF p_plan NOT IN ('premium', 'basic') THEN
        v_problems := v_problems || admin_problem('plan', 'unknown', 'must be premium or basic');
    END IF;

    IF p_csm IS NOT NULL THEN
        SELECT * INTO v_csm FROM agents a WHERE a.login = p_csm;
        IF NOT FOUND THEN
            v_problems := v_problems || admin_problem('csm', 'unknown', 'no agent has this login');
        ELSIF v_csm.role <> 'csm' THEN
            v_problems := v_problems || admin_problem('csm', 'not_csm',
                format('agent %s has role %s, not csm', v_csm.login, v_csm.role));
        ELSIF NOT v_csm.active THEN
            v_problems := v_problems || admin_problem('csm', 'inactive', 'this agent is deactivated');
        END IF;
    END IF;

    IF p_account_rep IS NOT NULL THEN
        v_rep := regexp_match(p_account_rep, '^\s*([^<>]*[^<>\s])\s*<([^<>]+)>\s*$');
        IF v_rep IS NULL OR NOT admin_email_ok(v_rep[2]) OR char_length(v_rep[1]) > 200 THEN
            v_problems := v_problems || admin_problem('account_rep', 'malformed',
                                                      'expected "Name <address@example.com>"');
        END IF;
    END IF;

    PERFORM admin_refuse_if(v_problems, 'the customer was not added');

    INSERT INTO customers (name, member_id, plan, csm_id, account_rep_name, account_rep_email)
    VALUES (v_name, v_member, p_plan::plan_kind, v_csm.id, v_rep[1], v_rep[2])
    RETURNING id INTO v_id;
    PERFORM admin_audit('customer.add', 'customer', v_id, v_name, NULL, admin_customer_json(v_id));
    RETURN v_id;
END
$$;

-- ------------------------------------------------------------ contacts --

-- Adds a contact to a customer (by id or name); spoc = authorised to open
-- tickets. Returns the contact id.
CREATE FUNCTION api_admin_contact_add(p_customer text, p_name text, p_email text,
                                      p_phone text DEFAULT NULL,
                                      p_spoc boolean DEFAULT false,
                                      p_lang text DEFAULT 'en') RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
    v_customer int := admin_find_customer(p_customer);
    v_name     text := btrim(p_name);
    v_email    text := btrim(p_email);
    v_phone    text := nullif(btrim(p_phone), '');
    v_id       int;
BEGIN
    PERFORM admin_caller();

    IF v_customer IS NULL THEN
        v_problems := v_problems || admin_problem('customer', 'unknown',
                                                  'no customer has this name or id');
    END IF;
    IF v_name IS NULL OR v_name = '' THEN
        v_problems := v_problems || admin_problem('name', 'required', 'a contact name is required');
    ELSIF char_length(v_name) > 200 THEN
        v_problems := v_problems || admin_problem('name', 'too_long', 'at most 200 characters');
    END IF;
    IF v_email IS NULL OR v_email = '' THEN
        v_problems := v_problems || admin_problem('email', 'required', 'an e-mail address is required');
    ELSIF NOT admin_email_ok(v_email) THEN
        v_problems := v_problems || admin_problem('email', 'malformed',
                                                  'expected an address like name@example.com');
    ELSIF EXISTS (SELECT 1 FROM contacts k
                   WHERE k.customer_id = v_customer AND lower(k.email) = lower(v_email)) THEN
        v_problems := v_problems || admin_problem('email', 'duplicate',
                                                  'this customer already has a contact with this address');
    END IF;
    IF v_phone IS NOT NULL AND v_phone !~ '^\+?[0-9][0-9 ().-]{2,40}$' THEN
        v_problems := v_problems || admin_problem('phone', 'malformed',
                                                  'digits, spaces and + ( ) . - only');
    END IF;
    IF coalesce(p_lang, 'en') NOT IN ('en', 'es') THEN
        v_problems := v_problems || admin_problem('lang', 'not_a_language',
                                                  'the language of mail to the contact: en or es');
    END IF;

    PERFORM admin_refuse_if(v_problems, 'the contact was not added');

    INSERT INTO contacts (customer_id, name, email, phone, spoc, lang)
    VALUES (v_customer, v_name, v_email, v_phone, coalesce(p_spoc, false), coalesce(p_lang, 'en'))
    RETURNING id INTO v_id;
    PERFORM admin_audit('contact.add', 'contact', v_id, v_email, NULL, admin_contact_json(v_id));
    RETURN v_id;
END
$$;

-- -------------------------------------------------------------- agents --

-- Adds an agent: creates the PostgreSQL LOGIN role, grants ticketty_<role>
-- and inserts the agents row; returns the agent id. p_password (NULL = none)
-- is the password already encrypted by the client (a SCRAM-SHA-256 or md5
-- verifier from libpq's PQencryptPasswordConn, as psql's \password does):
-- a clear-text password is refused, so none ever reaches the server, its
-- statement log or pg_stat_activity. It is set with ALTER ROLE ... PASSWORD
-- inside this function, so it never appears in SQL text the client builds. An existing PostgreSQL role is
-- adopted only by a superuser session; for admin agents it is refused
-- (otherwise an admin could take over, or set the password of, any role).
CREATE FUNCTION api_admin_agent_add(p_login text, p_name text, p_role text,
                                    p_password text DEFAULT NULL,
                                    p_email text DEFAULT NULL,
                                    p_team text DEFAULT NULL) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
    v_caller   int := admin_caller();
    v_super    boolean := coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r
                                     WHERE r.rolname = session_user), false);
    v_name     text := btrim(p_name);
    v_email    text := nullif(btrim(p_email), '');
    v_team     smallint;
    v_id       int;
BEGIN
    IF p_login IS NULL OR p_login = '' THEN
        v_problems := v_problems || admin_problem('login', 'required', 'a login name is required');
    ELSIF NOT admin_login_ok(p_login) THEN
        v_problems := v_problems || admin_problem('login', 'malformed',
            'lower-case letters, digits and _, starting with a letter or _, at most 63, not pg_* or ticketty_*');
    ELSIF EXISTS (SELECT 1 FROM agents a WHERE a.login = p_login) THEN
        v_problems := v_problems || admin_problem('login', 'exists', 'this login is already an agent');
    ELSIF NOT v_super AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = p_login) THEN
        v_problems := v_problems || admin_problem('login', 'exists',
            'a database role with this name already exists; a superuser must add it');
    END IF;

    IF v_name IS NULL OR v_name = '' THEN
        v_problems := v_problems || admin_problem('name', 'required', 'a display name is required');
    ELSIF char_length(v_name) > 200 THEN
        v_problems := v_problems || admin_problem('name', 'too_long', 'at most 200 characters');
    END IF;

    IF p_role IS NULL OR p_role = '' THEN
        v_problems := v_problems || admin_problem('role', 'required', 'a role is required');
    ELSIF NOT p_role = ANY (enum_range(NULL::agent_role)::text[]) THEN
        v_problems := v_problems || admin_problem('role', 'unknown',
            'one of ' || array_to_string(enum_range(NULL::agent_role)::text[], ', '));
    END IF;

    IF v_email IS NOT NULL AND NOT admin_email_ok(v_email) THEN
        v_problems := v_problems || admin_problem('email', 'malformed',
                                                  'expected an address like name@example.com');
    END IF;

    IF p_team IS NOT NULL THEN
        SELECT t.id INTO v_team FROM teams t WHERE t.key = p_team;
        IF v_team IS NULL THEN
            v_problems := v_problems || admin_problem('team', 'unknown',
                'one of ' || (SELECT string_agg(t.key, ', ' ORDER BY t.key) FROM teams t));
        END IF;
    END IF;

    IF p_password IS NOT NULL AND p_password = '' THEN
        v_problems := v_problems || admin_problem('password', 'required', 'the password is empty');
    ELSIF p_password IS NOT NULL
          AND p_password !~ '^(SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+|md5[0-9a-f]{32})$' THEN
        v_problems := v_problems || admin_problem('password', 'not_encrypted',
            'send the encrypted verifier (PQencryptPasswordConn), never the password itself');
    END IF;

    PERFORM admin_refuse_if(v_problems, 'the agent was not added');

    PERFORM admin_ensure_login(p_login, p_role::agent_role);
    IF p_password IS NOT NULL THEN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_password);
    END IF;
    INSERT INTO agents (login, display_name, email, role, team_id)
    VALUES (p_login, v_name, v_email, p_role::agent_role, v_team)
    RETURNING id INTO v_id;
    RAISE LOG 'ticketty: agent % (%) added by %', p_login, p_role,
              coalesce(v_caller::text, session_user::text);
    PERFORM admin_audit('agent.add', 'agent', v_id, p_login, NULL, admin_agent_json(v_id));
    RETURN v_id;
END
$$;

-- Deactivates an agent: ticketty refuses it from now on, and it leaves its
-- ticketty_<role> group so it can no longer read the schema either. The
-- PostgreSQL role itself is kept (it may own other things). Returns its id.
CREATE FUNCTION api_admin_agent_deactivate(p_login text) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_agent agents%ROWTYPE;
BEGIN
    PERFORM admin_caller();
    SELECT * INTO v_agent FROM agents a WHERE a.login = p_login FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM admin_refuse_if(ARRAY[admin_problem('login', 'unknown', 'no agent has this login')],
                                'no such agent');
    END IF;
    IF p_login = session_user THEN
        PERFORM admin_refuse_if(ARRAY[admin_problem('login', 'self',
                                'you cannot deactivate yourself')], 'agent not deactivated');
    END IF;
    IF NOT v_agent.active THEN
        RETURN v_agent.id;
    END IF;
    UPDATE agents SET active = false WHERE id = v_agent.id;
    PERFORM admin_audit('agent.deactivate', 'agent', v_agent.id, p_login,
                        admin_agent_json(v_agent.id) || '{"active": true}', admin_agent_json(v_agent.id));
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m
                 JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
                 JOIN pg_catalog.pg_roles u ON u.oid = m.member
                WHERE u.rolname = p_login AND g.rolname = 'ticketty_' || v_agent.role::text) THEN
        EXECUTE format('REVOKE %I FROM %I', 'ticketty_' || v_agent.role::text, p_login);
    END IF;
    RETURN v_agent.id;
END
$$;

-- ------------------------------------------------ records that change --

-- A yes/no value of a change ("true", "yes", "on", "1" / "false", "no",
-- "off", "0", or a JSON boolean); NULL when it is neither.
CREATE FUNCTION admin_bool(v jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT CASE WHEN jsonb_typeof(v) = 'boolean' THEN (v #>> '{}')::boolean
                WHEN lower(btrim(v #>> '{}')) IN ('true', 'yes', 'on', '1', 't', 'y') THEN true
                WHEN lower(btrim(v #>> '{}')) IN ('false', 'no', 'off', '0', 'f', 'n') THEN false END
$$;

-- Changes a customer (by id or name). `changes` is a JSON object of
-- field -> text: name, member_id, plan, csm (a login of an active csm; ""
-- removes it), account_rep ("Name <address>"; "" removes it), active.
-- Every refused field is named at once (TT400); an unchanged record writes
-- no audit row. A new plan applies to tickets filed from now on. Returns
-- the customer id.
CREATE FUNCTION api_admin_customer_set(p_customer text, changes jsonb) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
    v_id       int;
    c          customers;
    n          customers;
    v_before   jsonb;
    k          text;
    v          text;
    v_csm      agents%ROWTYPE;
    v_rep      text[];
BEGIN
    PERFORM admin_caller();
    v_id := admin_find_customer(p_customer);
    IF v_id IS NULL THEN
        PERFORM admin_refuse_if(ARRAY[admin_problem('customer', 'unknown',
                                'no customer has this name or id')], 'no such customer');
    END IF;
    IF changes IS NULL OR jsonb_typeof(changes) <> 'object' OR changes = '{}'::jsonb THEN
        PERFORM admin_refuse_if(ARRAY[admin_problem('changes', 'required',
                                'name at least one field to change (FIELD=VALUE)')], 'nothing to change');
    END IF;
    SELECT * INTO c FROM customers x WHERE x.id = v_id FOR UPDATE;
    n := c;
    v_before := admin_customer_json(v_id);
    FOR k IN SELECT x FROM jsonb_object_keys(changes) AS x ORDER BY x LOOP
        v := changes ->> k;
        CASE k
        WHEN 'name' THEN
            v := btrim(v);
            IF v IS NULL OR v = '' THEN
                v_problems := v_problems || admin_problem('name', 'required', 'a customer name is required');
            ELSIF char_length(v) > 200 THEN
                v_problems := v_problems || admin_problem('name', 'too_long', 'at most 200 characters');
            ELSIF EXISTS (SELECT 1 FROM customers x WHERE lower(x.name) = lower(v) AND x.id <> v_id) THEN
                v_problems := v_problems || admin_problem('name', 'duplicate',
                                                          'a customer with this name already exists');
            ELSE
                n.name := v;
            END IF;
        WHEN 'member_id' THEN
            IF v IS NULL OR btrim(v) !~ '^[0-9]{1,18}$' OR btrim(v)::bigint = 0 THEN
                v_problems := v_problems || admin_problem('member_id', 'not_a_number',
                                                          'must be a positive whole number');
            ELSIF EXISTS (SELECT 1 FROM customers x WHERE x.member_id = btrim(v)::bigint AND x.id <> v_id) THEN
                v_problems := v_problems || admin_problem('member_id', 'duplicate',
                                                          'another customer has this member ID');
            ELSE
                n.member_id := btrim(v)::bigint;
            END IF;
        WHEN 'plan' THEN
            IF v IS NULL OR btrim(v) NOT IN ('premium', 'basic') THEN
                v_problems := v_problems || admin_problem('plan', 'unknown', 'must be premium or basic');
            ELSE
                n.plan := btrim(v)::plan_kind;
            END IF;
        WHEN 'csm' THEN
            IF v IS NULL OR btrim(v) = '' THEN
                n.csm_id := NULL;
            ELSE
                SELECT * INTO v_csm FROM agents a WHERE a.login = btrim(v);
                IF NOT FOUND THEN
                    v_problems := v_problems || admin_problem('csm', 'unknown', 'no agent has this login');
                ELSIF v_csm.role <> 'csm' THEN
                    v_problems := v_problems || admin_problem('csm', 'not_csm',
                        format('agent %s has role %s, not csm', v_csm.login, v_csm.role));
                ELSIF NOT v_csm.active THEN
                    v_problems := v_problems || admin_problem('csm', 'inactive', 'this agent is deactivated');
                ELSE
                    n.csm_id := v_csm.id;
                END IF;
            END IF;
        WHEN 'account_rep' THEN
            IF v IS NULL OR btrim(v) = '' THEN
                n.account_rep_name := NULL;
                n.account_rep_email := NULL;
            ELSE
                v_rep := regexp_match(v, '^\s*([^<>]*[^<>\s])\s*<([^<>]+)>\s*$');
                IF v_rep IS NULL OR NOT admin_email_ok(v_rep[2]) OR char_length(v_rep[1]) > 200 THEN
                    v_problems := v_problems || admin_problem('account_rep', 'malformed',
                                                              'expected "Name <address@example.com>"');
                ELSE
                    n.account_rep_name := v_rep[1];
                    n.account_rep_email := v_rep[2];
                END IF;
            END IF;
        WHEN 'active' THEN
            IF admin_bool(changes -> k) IS NULL THEN
                v_problems := v_problems || admin_problem('active', 'malformed', 'must be yes or no');
            ELSE
                n.active := admin_bool(changes -> k);
            END IF;
        ELSE
            v_problems := v_problems || admin_problem(k, 'unknown',
                'a customer has no such field (name, member_id, plan, csm, account_rep, active)');
        END CASE;
    END LOOP;
    PERFORM admin_refuse_if(v_problems, 'the customer was not changed');

    UPDATE customers x
       SET name = n.name, member_id = n.member_id, plan = n.plan, csm_id = n.csm_id,
           account_rep_name = n.account_rep_name, account_rep_email = n.account_rep_email,
           active = n.active
     WHERE x.id = v_id;
    IF admin_customer_json(v_id) IS DISTINCT FROM v_before THEN
        PERFORM admin_audit('customer.set', 'customer', v_id, n.name, v_before, admin_customer_json(v_id));
    END IF;
    RETURN v_id;
END
$$;

-- Deactivates a customer: no new tickets are taken for it; its open
-- tickets stay as they are. Returns its id.
CREATE FUNCTION api_admin_customer_deactivate(p_customer text) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    RETURN api_admin_customer_set(p_customer, '{"active": false}');
END
$$;

-- The contact named by `ref`: its id ("12" or "#12"), else its e-mail
-- address (ignoring case) when only one contact has it. TT400 on field
-- `contact` otherwise.
CREATE FUNCTION admin_find_contact(ref text) RETURNS int
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_id int;
    v_n  int;
BEGIN
    IF ref ~ '^#?[0-9]{1,9}$' THEN
        SELECT k.id INTO v_id FROM contacts k WHERE k.id = ltrim(ref, '#')::int;
        IF v_id IS NOT NULL THEN
            RETURN v_id;
        END IF;
    END IF;
    SELECT count(*), min(k.id) INTO v_n, v_id FROM contacts k WHERE lower(k.email) = lower(btrim(ref));
    IF v_n = 1 THEN
        RETURN v_id;
    ELSIF v_n > 1 THEN
        PERFORM admin_refuse_if(ARRAY[admin_problem('contact', 'ambiguous',
            'several customers have a contact with this address: give the contact id (contacts list CUSTOMER)')],
            'which contact?');
    END IF;
    PERFORM admin_refuse_if(ARRAY[admin_problem('contact', 'unknown',
                            'no contact has this id or e-mail address')], 'no such contact');
    RETURN NULL;
END
$$;

-- Changes a contact (by id or e-mail address). `changes`: name, email,
-- phone ("" removes it), spoc (yes/no: grants or revokes the right to open
-- tickets), active. Returns the contact id.
CREATE FUNCTION api_admin_contact_set(p_contact text, changes jsonb) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
    v_id       int;
    c          contacts;
    n          contacts;
    v_before   jsonb;
    k          text;
    v          text;
    v_action   text := 'contact.set';
BEGIN
    PERFORM admin_caller();
    v_id := admin_find_contact(p_contact);
    IF changes IS NULL OR jsonb_typeof(changes) <> 'object' OR changes = '{}'::jsonb THEN
        PERFORM admin_refuse_if(ARRAY[admin_problem('changes', 'required',
                                'name at least one field to change (FIELD=VALUE)')], 'nothing to change');
    END IF;
    SELECT * INTO c FROM contacts x WHERE x.id = v_id FOR UPDATE;
    n := c;
    v_before := admin_contact_json(v_id);
    FOR k IN SELECT x FROM jsonb_object_keys(changes) AS x ORDER BY x LOOP
        v := changes ->> k;
        CASE k
        WHEN 'name' THEN
            v := btrim(v);
            IF v IS NULL OR v = '' THEN
                v_problems := v_problems || admin_problem('name', 'required', 'a contact name is required');
            ELSIF char_length(v) > 200 THEN
                v_problems := v_problems || admin_problem('name', 'too_long', 'at most 200 characters');
            ELSE
                n.name := v;
            END IF;
        WHEN 'email' THEN
            v := btrim(v);
            IF v IS NULL OR v = '' THEN
                v_problems := v_problems || admin_problem('email', 'required', 'an e-mail address is required');
            ELSIF NOT admin_email_ok(v) THEN
                v_problems := v_problems || admin_problem('email', 'malformed',
                                                          'expected an address like name@example.com');
            ELSIF EXISTS (SELECT 1 FROM contacts x WHERE x.customer_id = c.customer_id
                             AND lower(x.email) = lower(v) AND x.id <> v_id) THEN
                v_problems := v_problems || admin_problem('email', 'duplicate',
                                                          'this customer already has a contact with this address');
            ELSE
                n.email := v;
            END IF;
        WHEN 'phone' THEN
            v := nullif(btrim(v), '');
            IF v IS NOT NULL AND v !~ '^\+?[0-9][0-9 ().-]{2,40}$' THEN
                v_problems := v_problems || admin_problem('phone', 'malformed',
                                                          'digits, spaces and + ( ) . - only');
            ELSE
                n.phone := v;
            END IF;
        WHEN 'spoc', 'active' THEN
            IF admin_bool(changes -> k) IS NULL THEN
                v_problems := v_problems || admin_problem(k, 'malformed', 'must be yes or no');
            ELSIF k = 'spoc' THEN
                n.spoc := admin_bool(changes -> k);
            ELSE
                n.active := admin_bool(changes -> k);
            END IF;
        ELSE
            v_problems := v_problems || admin_problem(k, 'unknown',
                'a contact has no such field (name, email, phone, spoc, active)');
        END CASE;
    END LOOP;
    PERFORM admin_refuse_if(v_problems, 'the contact was not changed');

    UPDATE contacts x SET name = n.name, email = n.email, phone = n.phone, spoc = n.spoc,
                          active = n.active
     WHERE x.id = v_id;
    IF n.spoc AND NOT c.spoc THEN
        v_action := 'contact.spoc_granted';
    ELSIF c.spoc AND NOT n.spoc THEN
        v_action := 'contact.spoc_revoked';
    ELSIF c.active AND NOT n.active THEN
        v_action := 'contact.deactivate';
    END IF;
    IF admin_contact_json(v_id) IS DISTINCT FROM v_before THEN
        PERFORM admin_audit(v_action, 'contact', v_id, n.email, v_before, admin_contact_json(v_id));
    END IF;
    RETURN v_id;
END
$$;

-- Deactivates a contact: it can no longer open tickets. Returns its id.
CREATE FUNCTION api_admin_contact_deactivate(p_contact text) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    RETURN api_admin_contact_set(p_contact, '{"active": false}');
END
$$;

-- The contacts of a customer (by id or name), for every agent: SPOCs
-- first, then by name, as one JSON array. TT400 on an unknown customer.
CREATE FUNCTION api_contacts_list(p_customer text) RETURNS json
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_id int;
BEGIN
    PERFORM require_role('engineer', 'csm', 'coo', 'ceo', 'admin');  -- contacts' personal data (049)
    v_id := admin_find_customer(p_customer);
    IF v_id IS NULL THEN
        PERFORM admin_refuse_if(ARRAY[admin_problem('customer', 'unknown',
                                'no customer has this name or id')], 'no such customer');
    END IF;
    RETURN (SELECT coalesce(json_agg(json_build_object(
                       'id', k.id, 'customer', c.name, 'name', k.name, 'email', k.email,
                       'phone', k.phone, 'spoc', k.spoc, 'active', k.active)
                     ORDER BY k.active DESC, k.spoc DESC, k.name, k.id), '[]'::json)
              FROM contacts k JOIN customers c ON c.id = k.customer_id
             WHERE k.customer_id = v_id);
END
$$;

-- The administration audit log, newest first, at most `max_rows` rows
-- older than event `before_id` (NULL = from the newest), as a JSON array.
-- Admins only.
CREATE FUNCTION api_admin_audit(max_rows int DEFAULT 100, before_id bigint DEFAULT NULL) RETURNS json
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM admin_caller();
    RETURN (SELECT coalesce(json_agg(json_build_object(
                       'id', x.id, 'at', x.at, 'actor', x.actor_login, 'action', x.action,
                       'object_kind', x.object_kind, 'object_id', x.object_id,
                       'object', x.object_name, 'before', x.before, 'after', x.after)
                     ORDER BY x.id DESC), '[]'::json)
              FROM (SELECT * FROM admin_events e
                     WHERE before_id IS NULL OR e.id < before_id
                     ORDER BY e.id DESC
                     LIMIT greatest(least(coalesce(max_rows, 100), 10000), 1)) x);
END
$$;

-- ------------------------------------------------------------ listings --

-- Customers with plan, CSM, account representative and contact counts, as
-- one JSON array (the CLI prints it for --json and reads it for text).
CREATE FUNCTION api_admin_customer_list() RETURNS json
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce(json_agg(json_build_object(
               'id', c.id, 'name', c.name, 'member_id', c.member_id, 'plan', c.plan,
               'csm', a.login, 'account_rep_name', c.account_rep_name,
               'account_rep_email', c.account_rep_email, 'active', c.active,
               'contacts', (SELECT count(*) FROM contacts k WHERE k.customer_id = c.id),
               'spocs', (SELECT count(*) FROM contacts k WHERE k.customer_id = c.id AND k.spoc))
             ORDER BY c.name, c.id), '[]'::json)
      FROM customers c LEFT JOIN agents a ON a.id = c.csm_id
$$;

-- The contacts of one customer (name or id), for admins, with their address, phone,
-- whether they are an authorised SPOC, active, and the language mail to
-- them is written in, as a JSON array; NULL when there is no such customer.
CREATE FUNCTION api_admin_contact_list(p_customer text) RETURNS json
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_customer int := admin_find_customer(p_customer);
BEGIN
    PERFORM admin_caller();
    IF v_customer IS NULL THEN
        RETURN NULL;
    END IF;
    RETURN (SELECT coalesce(json_agg(json_build_object(
                       'id', k.id, 'name', k.name, 'email', k.email, 'phone', k.phone,
                       'spoc', k.spoc, 'active', k.active, 'lang', k.lang)
                     ORDER BY k.spoc DESC, k.name, k.id), '[]'::json)
              FROM contacts k WHERE k.customer_id = v_customer);
END
$$;

-- Agents with role, team and whether they are active, as a JSON array.
CREATE FUNCTION api_admin_agent_list() RETURNS json
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce(json_agg(json_build_object(
               'id', a.id, 'login', a.login, 'name', a.display_name, 'email', a.email,
               'role', a.role, 'team', t.key, 'active', a.active)
             ORDER BY a.role, a.login), '[]'::json)
      FROM agents a LEFT JOIN teams t ON t.id = a.team_id
$$;

-- -------------------------------------------------- function privileges --

REVOKE ALL ON FUNCTION admin_caller()                       FROM ticketty_agent;
REVOKE ALL ON FUNCTION admin_refuse_if(text[], text)         FROM ticketty_agent;
REVOKE ALL ON FUNCTION admin_problem(text, text, text)       FROM ticketty_agent;
REVOKE ALL ON FUNCTION admin_email_ok(text)                  FROM ticketty_agent;
REVOKE ALL ON FUNCTION admin_login_ok(text)                  FROM ticketty_agent;
REVOKE ALL ON FUNCTION admin_ensure_login(text, agent_role)  FROM ticketty_agent;
REVOKE ALL ON FUNCTION admin_find_customer(text)             FROM ticketty_agent;
REVOKE ALL ON FUNCTION admin_find_contact(text)              FROM ticketty_agent;
REVOKE ALL ON FUNCTION admin_bool(jsonb)                     FROM ticketty_agent;
REVOKE ALL ON FUNCTION admin_audit(text, text, bigint, text, jsonb, jsonb) FROM ticketty_agent;
REVOKE ALL ON FUNCTION admin_customer_json(int)              FROM ticketty_agent;
REVOKE ALL ON FUNCTION admin_contact_json(int)               FROM ticketty_agent;
REVOKE ALL ON FUNCTION admin_agent_json(int)                 FROM ticketty_agent;
