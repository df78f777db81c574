-- 005_admin.sql: administration API (customers, contacts, agents).
--
-- Used by `ticketty admin ...`. Allowed for an active agent whose role is
-- admin, and for superuser sessions (the bootstrap case: nobody is an agent
-- yet; a superuser can change anything anyway, so refusing it protects
-- nothing). Everyone else gets TT403. Refused input raises TT400 with one
-- DETAIL line per field: field<TAB>code<TAB>English message.
--
-- Agents are PostgreSQL login roles: agent add creates the role (LOGIN, no
-- password unless one is given, so peer/cert authentication works), grants
-- the group role ticketty_<role> and inserts the agents row, in one
-- transaction. The function owner therefore needs CREATEROLE (a superuser
-- owner has it).

SELECT set_config('search_path', 'ticketty', true);

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
        RETURN (SELECT a.id FROM agents a WHERE a.login = session_user AND a.active);
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
    RETURN v_id;
END
$$;

-- -------------------------------------------------------------- agents --

-- Adds an agent: creates the PostgreSQL LOGIN role, grants ticketty_<role>
-- and inserts the agents row; returns the agent id. p_password (NULL = none)
-- is set with ALTER ROLE ... PASSWORD inside this function, so it never
-- appears in SQL text the client builds. An existing PostgreSQL role is
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
    ELSIF p_password IS NOT NULL AND char_length(p_password) > 1000 THEN
        v_problems := v_problems || admin_problem('password', 'too_long', 'at most 1000 characters');
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
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m
                 JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
                 JOIN pg_catalog.pg_roles u ON u.oid = m.member
                WHERE u.rolname = p_login AND g.rolname = 'ticketty_' || v_agent.role::text) THEN
        EXECUTE format('REVOKE %I FROM %I', 'ticketty_' || v_agent.role::text, p_login);
    END IF;
    RETURN v_agent.id;
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
               'account_rep_email', c.account_rep_email,
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
