-- sql/functions/admin.sql: agents, customers, contacts, teams, request
-- types and their routing, and templates as admins manage them
-- (api_admin_*), audited.
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- admin_audit
-- Records one administration change by the session's login (and its agent
-- row when it is an active agent). Internal.
CREATE OR REPLACE FUNCTION admin_audit(action text, kind text, object_id bigint, object_name text,
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
REVOKE ALL ON FUNCTION admin_audit(text, text, bigint, text, jsonb, jsonb) FROM ticketty_agent;

--- admin_customer_json
-- A customer as the audit log keeps it, with its CSM's login and the
-- account representative's name, address and language. Internal.
CREATE OR REPLACE FUNCTION admin_customer_json(id int) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT jsonb_build_object('name', c.name, 'member_id', c.member_id, 'plan', c.plan,
                              'csm', a.login, 'account_rep_name', c.account_rep_name,
                              'account_rep_email', c.account_rep_email, 'account_rep_lang', c.account_rep_lang,
                              'active', c.active)
      FROM customers c LEFT JOIN agents a ON a.id = c.csm_id
     WHERE c.id = admin_customer_json.id
$$;
REVOKE ALL ON FUNCTION admin_customer_json(int) FROM ticketty_agent;

--- admin_contact_json
-- A contact as the audit log keeps it, with its customer's name and its
-- language (so the audit shows a change of lang). Internal.
CREATE OR REPLACE FUNCTION admin_contact_json(id int) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT jsonb_build_object('customer', c.name, 'name', k.name, 'email', k.email,
                              'phone', k.phone, 'lang', k.lang, 'spoc', k.spoc, 'active', k.active)
      FROM contacts k JOIN customers c ON c.id = k.customer_id
     WHERE k.id = admin_contact_json.id
$$;
REVOKE ALL ON FUNCTION admin_contact_json(int) FROM ticketty_agent;

--- admin_agent_json
-- An agent as the audit log keeps it: login, name, address, role, team
-- key, language and whether it is active. Internal.
CREATE OR REPLACE FUNCTION admin_agent_json(id int) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT jsonb_build_object('login', a.login, 'name', a.display_name, 'email', a.email,
                              'role', a.role, 'team', t.key, 'lang', a.lang, 'active', a.active)
      FROM agents a LEFT JOIN teams t ON t.id = a.team_id
     WHERE a.id = admin_agent_json.id
$$;
REVOKE ALL ON FUNCTION admin_agent_json(int) FROM ticketty_agent;

--- admin_caller
-- The caller of an admin function: the admin agent's id, or NULL for a
-- session of a superuser or of the owner of the schema (a member of the role
-- owning schema ticketty: the role that ran db migrate, which on a managed
-- server is no superuser and adds the first admin); either may also be an
-- agent of any role. TT403 else.
CREATE OR REPLACE FUNCTION admin_caller() RETURNS int
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r
                  WHERE r.rolname = session_user), false)
       OR pg_catalog.pg_has_role(session_user, (SELECT n.nspowner FROM pg_catalog.pg_namespace n
                                                 WHERE n.nspname = 'ticketty'), 'MEMBER') THEN
        RETURN session_agent_id();
    END IF;
    RETURN require_role('admin');
END
$$;
REVOKE ALL ON FUNCTION admin_caller() FROM ticketty_agent;

--- admin_refuse_if
-- Raises TT400 when `problems` holds refused fields (lines field\tcode\tmsg).
CREATE OR REPLACE FUNCTION admin_refuse_if(problems text[], summary text) RETURNS void
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
REVOKE ALL ON FUNCTION admin_refuse_if(text[], text) FROM ticketty_agent;

--- admin_problem
-- One refusal line.
CREATE OR REPLACE FUNCTION admin_problem(field text, code text, message text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$ SELECT field || E'\t' || code || E'\t' || message $$;
REVOKE ALL ON FUNCTION admin_problem(text, text, text) FROM ticketty_agent;

--- text_control_chars
-- The control characters a one-line value may not hold, as the inside of
-- a regular expression's bracket expression: C0 (NUL never reaches a
-- text), DEL, C1, and the line and paragraph separators U+2028 and
-- U+2029. The class of text_is_control in src/util/text.c: keep the two
-- identical. Named one by one, never [[:cntrl:]]: a class name is the
-- regex library's and the locale's to fill (PostgreSQL 15 gives it C0,
-- DEL and C1 under C and C.UTF-8 alike, never U+2028 or U+2029), and it
-- holds no bidi control under any locale. Plain SQL
-- without SET, so that it and the functions below inline and fold to a
-- constant pattern where they are used (intake_resolve is hot). Internal.
CREATE OR REPLACE FUNCTION text_control_chars() RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT '\x01-\x1f\x7f-\x9f\u2028\u2029'::text $$;
REVOKE ALL ON FUNCTION text_control_chars() FROM ticketty_agent, PUBLIC;

--- text_unsafe_chars
-- text_control_chars and the bidi controls (U+061C, U+200E, U+200F, the
-- embeddings and overrides U+202A-U+202E, the isolates U+2066-U+2069)
-- and the byte order mark U+FEFF: the class of text_is_unsafe in
-- src/util/text.c (less its invalid bytes, which no text holds): keep the
-- two identical. What a file's name, which is drawn, saved and mailed,
-- may not hold (api_message_attach refuses it, file_name_mended mends
-- it). Internal.
CREATE OR REPLACE FUNCTION text_unsafe_chars() RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ticketty.text_control_chars() || '\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff' $$;
REVOKE ALL ON FUNCTION text_unsafe_chars() FROM ticketty_agent, PUBLIC;

--- text_has_control
-- True when v holds a character of text_control_chars (NULL for NULL):
-- what a one-line field refuses. Inlined where it is used. Internal.
CREATE OR REPLACE FUNCTION text_has_control(v text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT v ~ ('[' || ticketty.text_control_chars() || ']') $$;
REVOKE ALL ON FUNCTION text_has_control(text) FROM ticketty_agent, PUBLIC;

--- text_controls_spaced
-- v with each run of text_control_chars made one space: a value that
-- must be one line, mended instead of refused (a mail's subject made a
-- title, the words of a notification). Internal.
CREATE OR REPLACE FUNCTION text_controls_spaced(v text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT pg_catalog.regexp_replace(v, '[' || ticketty.text_control_chars() || ']+', ' ', 'g') $$;
REVOKE ALL ON FUNCTION text_controls_spaced(text) FROM ticketty_agent, PUBLIC;

--- admin_one_line_refusal
-- The refusal of a one-line value (a person's or customer's name, a
-- title, a subject, a reference) that holds a line break, a tab or
-- another control character (text_has_control): such a value is drawn
-- on one line in lists, pickers and mail headers, where a control
-- character would break the line or be obeyed by a terminal. The caller
-- asks text_has_control once and adds this line when it holds. Internal.
CREATE OR REPLACE FUNCTION admin_one_line_refusal(p_field text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT admin_problem(p_field, 'control_character',
                         'must be one line, without line breaks, tabs or other control characters')
$$;
REVOKE ALL ON FUNCTION admin_one_line_refusal(text) FROM ticketty_agent, PUBLIC;

--- admin_email_ok
-- True for a plausible e-mail address: local@domain.tld, no blanks, <> or
-- control characters.
CREATE OR REPLACE FUNCTION admin_email_ok(email text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT email ~ '^[^@\s<>]+@[^@\s<>.]+(\.[^@\s<>.]+)+$' AND length(email) <= 254
       AND NOT text_has_control(email)
$$;
REVOKE ALL ON FUNCTION admin_email_ok(text) FROM ticketty_agent;

--- admin_login_ok
-- True for a login name an agent role may take: a lower-case SQL
-- identifier that is not one of PostgreSQL's or ticketty's own role names.
CREATE OR REPLACE FUNCTION admin_login_ok(login text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT login ~ '^[a-z_][a-z0-9_]{0,62}$'
       AND login !~ '^(pg_|ticketty_)'
       AND login NOT IN ('public', 'none', 'current_user', 'session_user', 'current_role')
$$;
REVOKE ALL ON FUNCTION admin_login_ok(text) FROM ticketty_agent;

--- admin_ensure_login
-- Makes `login` a PostgreSQL LOGIN role (created without a password when
-- missing) that is a member of ticketty_<role>. Used by agent add and by
-- the demo seeder. Runs with the owner's rights: an owner that is no
-- superuser needs CREATEROLE, which is said when it lacks it.
CREATE OR REPLACE FUNCTION admin_ensure_login(login text, role agent_role) RETURNS void
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
EXCEPTION WHEN insufficient_privilege THEN
    RAISE EXCEPTION 'the schema owner % may not create login roles or grant the ticketty_* roles', current_user
        USING ERRCODE = '42501',
              HINT = 'A superuser gives it CREATEROLE (ALTER ROLE ... CREATEROLE); it need not be a superuser.';
END
$$;
REVOKE ALL ON FUNCTION admin_ensure_login(text, agent_role) FROM ticketty_agent;

--- admin_find_customer
-- The customer named by `ref`: its id ("12" or "#12") when such a customer
-- exists, else the customer whose name matches ignoring case; NULL if none.
CREATE OR REPLACE FUNCTION admin_find_customer(ref text) RETURNS int
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce(
        (SELECT c.id FROM customers c
          WHERE ref ~ '^#?[0-9]{1,9}$' AND c.id = ltrim(ref, '#')::int),
        (SELECT c.id FROM customers c WHERE lower(c.name) = lower(btrim(ref))
          ORDER BY c.id LIMIT 1))
$$;
REVOKE ALL ON FUNCTION admin_find_customer(text) FROM ticketty_agent;

--- api_admin_row_holder
-- Who holds the row of the record an administrator changes, for the
-- refusal that says the change waited too long for it (55P03): `kind`
-- 'customer' (by id or name, admin_find_customer), 'contact' (by id or
-- address, admin_find_contact), 'agent' (by login), 'team' or
-- 'request_type' (by key: their own row alone); the answer as
-- api_ticket_row_holder's (what is the kind). When no one holds the
-- record's own row, the rows its change goes on to change through
-- triggers and helpers, ticket by ticket: for a customer, the live CSM
-- levels of its tickets (customers_csm_hand_over: a new CSM) and those
-- tickets; for an agent, the live levels it holds
-- (agents_escalation_hand_over: a new role, a deactivation) and their
-- tickets, then its tickets that are not closed (agent_return_tickets);
-- what is then 'escalation' or 'ticket' and ticket the ticket's id;
-- p_beyond false looks at the record's own row alone (an addition that
-- refers to it: a new contact's customer, a new customer's CSM). No row
-- when no one is found or the record is not. Admins only (admin_caller).
CREATE OR REPLACE FUNCTION api_admin_row_holder(p_kind text, p_ref text, p_beyond boolean,
                                                OUT what text, OUT holder text,
                                                OUT program text, OUT others int, OUT ticket bigint,
                                                OUT gid text, OUT since timestamptz)
    RETURNS SETOF record
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_id int;
    r    record;
BEGIN
    PERFORM admin_caller();
    IF p_kind = 'customer' THEN
        v_id := admin_find_customer(p_ref);
        RETURN QUERY SELECT h.* FROM customers c,
                            row_holder_named(p_kind, NULL, 'customers'::regclass, c.ctid, c.xmax) h
                      WHERE c.id = v_id;
    ELSIF p_kind = 'contact' THEN
        RETURN QUERY SELECT h.* FROM contacts k,
                            row_holder_named(p_kind, NULL, 'contacts'::regclass, k.ctid, k.xmax) h
                      WHERE k.id = admin_find_contact(p_ref);
        RETURN;
    ELSIF p_kind = 'team' THEN
        RETURN QUERY SELECT h.* FROM teams t,
                            row_holder_named(p_kind, NULL, 'teams'::regclass, t.ctid, t.xmax) h
                      WHERE t.key = btrim(p_ref);
        RETURN;
    ELSIF p_kind = 'request_type' THEN
        RETURN QUERY SELECT h.* FROM request_types x,
                            row_holder_named(p_kind, NULL, 'request_types'::regclass, x.ctid, x.xmax) h
                      WHERE x.key = btrim(p_ref);
        RETURN;
    ELSIF p_kind = 'agent' THEN
        v_id := (SELECT a.id FROM agents a WHERE a.login = p_ref);
        RETURN QUERY SELECT h.* FROM agents a,
                            row_holder_named(p_kind, NULL, 'agents'::regclass, a.ctid, a.xmax) h
                      WHERE a.id = v_id;
    END IF;
    IF FOUND OR v_id IS NULL OR NOT p_beyond THEN
        RETURN;
    END IF;
    FOR r IN SELECT 0 AS k, x.ticket_id AS id, x.ctid AS e_ctid, x.xmax AS e_xmax, t.ctid AS t_ctid, t.xmax AS t_xmax
               FROM escalations x JOIN tickets t ON t.id = x.ticket_id
              WHERE x.state IN ('open', 'acknowledged')
                AND CASE p_kind WHEN 'customer' THEN t.customer_id = v_id AND x.level = 1
                                ELSE x.holder_id = v_id END
             UNION ALL
             SELECT 1, t.id, NULL, NULL, t.ctid, t.xmax FROM tickets t
              WHERE p_kind = 'agent' AND t.assignee_id = v_id AND t.status <> 'closed'
             ORDER BY 1, 2 LOOP
        IF r.e_ctid IS NOT NULL THEN
            RETURN QUERY SELECT * FROM row_holder_named('escalation', r.id, 'escalations'::regclass,
                                                        r.e_ctid, r.e_xmax);
            IF FOUND THEN
                RETURN;
            END IF;
        END IF;
        RETURN QUERY SELECT * FROM row_holder_named('ticket', r.id, 'tickets'::regclass, r.t_ctid, r.t_xmax);
        IF FOUND THEN
            RETURN;
        END IF;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION api_admin_row_holder(text, text, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api_admin_row_holder(text, text, boolean) TO ticketty_agent;

--- api_admin_contact_add
-- Adds a contact to a customer (by id or name); spoc = authorised to open
-- tickets; p_lang (en, es) the language of the mail it gets. The phone
-- is checked as intake_phone_ok has it. Every refused field is named at
-- once (TT400). Returns the contact id.
CREATE OR REPLACE FUNCTION api_admin_contact_add(p_customer text, p_name text, p_email text,
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
    ELSIF text_has_control(v_name) THEN
        v_problems := v_problems || admin_one_line_refusal('name');
    END IF;
    IF v_email IS NULL OR v_email = '' THEN
        v_problems := v_problems || admin_problem('email', 'required', 'an e-mail address is required');
    ELSIF NOT admin_email_ok(v_email) THEN
        v_problems := v_problems || admin_problem('email', 'malformed',
                                                  'expected an address like name@example.com');
    ELSIF EXISTS (SELECT 1 FROM contacts k
                   WHERE k.customer_id = v_customer AND lower(k.email) = lower(v_email)) THEN
        v_problems := v_problems || admin_problem('email', 'exists',
                                                  'this customer already has a contact with this address');
    END IF;
    IF v_phone IS NOT NULL AND NOT intake_phone_ok(v_phone) THEN
        v_problems := v_problems || admin_problem('phone', 'malformed',
            'expected a phone number: 7 to 15 digits, with only spaces, a leading +, hyphens, dots, paired parentheses and an extension such as ext 12');
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

--- api_admin_agent_add
-- Adds an agent: creates the PostgreSQL LOGIN role, grants ticketty_<role>
-- and inserts the agents row; returns the agent id. p_password (NULL =
-- none) is the password already encrypted by the client (a SCRAM-SHA-256
-- or md5 verifier from libpq's PQencryptPasswordConn, as psql's \password
-- does): a clear-text password is refused, so none ever reaches the
-- server, its statement log or pg_stat_activity. It is set with ALTER
-- ROLE ... PASSWORD inside this function, so it never appears in SQL text
-- the client builds. An existing PostgreSQL role is adopted only by a
-- superuser session; for admin agents it is refused (otherwise an admin
-- could take over, or set the password of, any role). p_lang (NULL: en)
-- is the language of the mail the agent gets, en or es, checked with the
-- other fields (990: it was set by api_admin_agent_set after the add,
-- whose refusal said the agent "was not changed"). A superuser or the
-- schema owner is refused as an agent's login (the self-check refuses
-- agents that can act as them).
CREATE OR REPLACE FUNCTION api_admin_agent_add(p_login text, p_name text, p_role text,
                                    p_password text DEFAULT NULL,
                                    p_email text DEFAULT NULL,
                                    p_team text DEFAULT NULL,
                                    p_lang text DEFAULT NULL) RETURNS int
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
    v_lang     text := lower(btrim(p_lang));
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
    ELSIF EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
                   WHERE r.rolname = p_login
                     AND (r.rolsuper OR r.oid = (SELECT n.nspowner FROM pg_catalog.pg_namespace n
                                                  WHERE n.nspname = 'ticketty'))) THEN
        -- the owner or a superuser made an agent: every agent could then
        -- act as it, and the security self-check fails every later
        -- `db migrate` and `db version` (78) with a line for each object
        v_problems := v_problems || admin_problem('login', 'owner',
            'is a superuser or the owner of the ticketty schema, which no agent may be: give each person a login of their own');
    ELSIF NOT v_super AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = p_login) THEN
        v_problems := v_problems || admin_problem('login', 'exists',
            'a database role with this name already exists; a superuser must add it');
    END IF;

    IF v_name IS NULL OR v_name = '' THEN
        v_problems := v_problems || admin_problem('name', 'required', 'a display name is required');
    ELSIF char_length(v_name) > 200 THEN
        v_problems := v_problems || admin_problem('name', 'too_long', 'at most 200 characters');
    ELSIF text_has_control(v_name) THEN
        v_problems := v_problems || admin_one_line_refusal('name');
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
        IF admin_team_problem('team', p_team) IS NOT NULL THEN
            v_problems := v_problems || admin_team_problem('team', p_team);
        ELSE
            SELECT t.id INTO v_team FROM teams t WHERE t.key = btrim(p_team);
        END IF;
    END IF;

    IF p_password IS NOT NULL AND p_password = '' THEN
        v_problems := v_problems || admin_problem('password', 'required', 'the password is empty');
    ELSIF p_password IS NOT NULL
          AND p_password !~ '^(SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+|md5[0-9a-f]{32})$' THEN
        v_problems := v_problems || admin_problem('password', 'not_encrypted',
            'send the encrypted verifier (PQencryptPasswordConn), never the password itself');
    END IF;

    IF p_lang IS NOT NULL AND mail_language_problem(v_lang) IS NOT NULL THEN
        v_problems := v_problems || mail_language_problem(v_lang);
    END IF;

    PERFORM admin_refuse_if(v_problems, 'the agent was not added');

    PERFORM admin_ensure_login(p_login, p_role::agent_role);
    IF p_password IS NOT NULL THEN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_password);
    END IF;
    INSERT INTO agents (login, display_name, email, role, team_id, lang)
    VALUES (p_login, v_name, v_email, p_role::agent_role, v_team, coalesce(v_lang, 'en'))
    RETURNING id INTO v_id;
    RAISE LOG 'ticketty: agent % (%) added by %', p_login, p_role,
              coalesce(v_caller::text, session_user::text);
    PERFORM admin_audit('agent.add', 'agent', v_id, p_login, NULL, admin_agent_json(v_id));
    RETURN v_id;
END
$$;

--- agent_return_tickets
-- Sends the tickets of agent `p_agent` (login `p_login`) that are not
-- closed back to their team's queue, as its deactivation does: each one
-- unassigned with a new version, an unassign event (why: deactivated)
-- and a NOTIFY. The event's actor is the caller as an agent, none for a
-- superuser that is no agent (audit() would refuse it). Returns the
-- tickets' ids in id order.
CREATE OR REPLACE FUNCTION agent_return_tickets(p_agent int, p_login text) RETURNS bigint[]
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_returned bigint[] := '{}';
    t          tickets;
BEGIN
    FOR t IN SELECT * FROM tickets x WHERE x.assignee_id = p_agent AND x.status <> 'closed'
              ORDER BY x.id FOR UPDATE LOOP
        UPDATE tickets SET assignee_id = NULL, version = version + 1, updated_at = tt_now()
         WHERE id = t.id;
        INSERT INTO ticket_events (ticket_id, actor_id, kind, version, details)
        VALUES (t.id, session_agent_id(), 'unassign', t.version + 1,
                jsonb_build_object('from', p_login, 'why', 'deactivated'));
        PERFORM pg_notify('ticketty', json_build_object('ticket', t.id, 'kind', 'unassign')::text);
        v_returned := v_returned || t.id;
    END LOOP;
    RETURN v_returned;
END
$$;
REVOKE ALL ON FUNCTION agent_return_tickets(int, text) FROM ticketty_agent, PUBLIC;

--- api_admin_agent_deactivate
-- Deactivates an agent: ticketty refuses it from now on, and it leaves its
-- ticketty_<role> group so it can no longer read the schema either. The
-- PostgreSQL role itself is kept (it may own other things). Refused while
-- the agent is a customer's CSM or holds a live escalation level nobody
-- else could take (agent_leave_problems, under field login); the levels
-- others can take go to them (the agents_escalation_hand_over trigger).
-- Its tickets that are not closed go back to their team's queue
-- (unassigned, an unassign event each). Returns its id.
CREATE OR REPLACE FUNCTION api_admin_agent_deactivate(p_login text) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_agent    agents%ROWTYPE;
    v_returned bigint[];
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
    PERFORM admin_refuse_if(agent_leave_problems(v_agent.id, 'login'), 'agent not deactivated');
    UPDATE agents SET active = false WHERE id = v_agent.id;
    v_returned := agent_return_tickets(v_agent.id, p_login);
    PERFORM admin_audit('agent.deactivate', 'agent', v_agent.id, p_login,
                        admin_agent_json(v_agent.id) || '{"active": true}',
                        admin_agent_json(v_agent.id) || jsonb_build_object('returned_tickets', to_jsonb(v_returned)));
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m
                 JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
                 JOIN pg_catalog.pg_roles u ON u.oid = m.member
                WHERE u.rolname = p_login AND g.rolname = 'ticketty_' || v_agent.role::text) THEN
        EXECUTE format('REVOKE %I FROM %I', 'ticketty_' || v_agent.role::text, p_login);
    END IF;
    RETURN v_agent.id;
END
$$;

--- admin_bool
-- A yes/no value of a change ("true", "yes", "on", "1" / "false", "no",
-- "off", "0", or a JSON boolean); NULL when it is neither.
CREATE OR REPLACE FUNCTION admin_bool(v jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT CASE WHEN jsonb_typeof(v) = 'boolean' THEN (v #>> '{}')::boolean
                WHEN lower(btrim(v #>> '{}')) IN ('true', 'yes', 'on', '1', 't', 'y') THEN true
                WHEN lower(btrim(v #>> '{}')) IN ('false', 'no', 'off', '0', 'f', 'n') THEN false END
$$;
REVOKE ALL ON FUNCTION admin_bool(jsonb) FROM ticketty_agent;

--- api_admin_customer_set
-- Changes a customer (by id or name). `changes` is a JSON object of
-- field -> text: name, member_id, plan, csm (a login of an active csm; ""
-- removes it), account_rep ("Name <address>"; "" removes it),
-- account_rep_lang (en, es), active.
-- Every refused field is named at once (TT400); an unchanged record writes
-- no audit row. A new plan applies to tickets filed from now on. Returns
-- the customer id.
CREATE OR REPLACE FUNCTION api_admin_customer_set(p_customer text, changes jsonb) RETURNS int
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
            ELSIF text_has_control(v) THEN
                v_problems := v_problems || admin_one_line_refusal('name');
            ELSIF EXISTS (SELECT 1 FROM customers x WHERE lower(x.name) = lower(v) AND x.id <> v_id) THEN
                v_problems := v_problems || admin_problem('name', 'exists',
                                                          'a customer with this name already exists');
            ELSE
                n.name := v;
            END IF;
        WHEN 'member_id' THEN
            IF v IS NULL OR btrim(v) !~ '^[0-9]{1,18}$' OR btrim(v)::bigint = 0 THEN
                v_problems := v_problems || admin_problem('member_id', 'not_a_number',
                                                          'must be a positive whole number');
            ELSIF EXISTS (SELECT 1 FROM customers x WHERE x.member_id = btrim(v)::bigint AND x.id <> v_id) THEN
                v_problems := v_problems || admin_problem('member_id', 'exists',
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
                IF text_has_control(v) THEN
                    v_problems := v_problems || admin_one_line_refusal('account_rep');
                ELSIF v_rep IS NULL OR NOT admin_email_ok(v_rep[2]) OR char_length(v_rep[1]) > 200 THEN
                    v_problems := v_problems || admin_problem('account_rep', 'malformed',
                                                              'expected "Name <address@example.com>"');
                ELSE
                    n.account_rep_name := v_rep[1];
                    n.account_rep_email := v_rep[2];
                END IF;
            END IF;
        WHEN 'account_rep_lang' THEN
            IF v IS NULL OR btrim(v) NOT IN ('en', 'es') THEN
                v_problems := v_problems || admin_problem('account_rep_lang', 'not_a_language',
                                                          'must be en or es');
            ELSE
                n.account_rep_lang := btrim(v);
            END IF;
        WHEN 'active' THEN
            IF admin_bool(changes -> k) IS NULL THEN
                v_problems := v_problems || admin_problem('active', 'malformed', 'must be yes or no');
            ELSE
                n.active := admin_bool(changes -> k);
            END IF;
        ELSE
            v_problems := v_problems || admin_problem(k, 'unknown',
                'a customer has no such field (name, member_id, plan, csm, account_rep, account_rep_lang, active)');
        END CASE;
    END LOOP;
    PERFORM admin_refuse_if(v_problems, 'the customer was not changed');

    UPDATE customers x
       SET name = n.name, member_id = n.member_id, plan = n.plan, csm_id = n.csm_id,
           account_rep_name = n.account_rep_name, account_rep_email = n.account_rep_email,
           account_rep_lang = n.account_rep_lang, active = n.active
     WHERE x.id = v_id;
    IF admin_customer_json(v_id) IS DISTINCT FROM v_before THEN
        PERFORM admin_audit('customer.set', 'customer', v_id, n.name, v_before, admin_customer_json(v_id));
    END IF;
    RETURN v_id;
END
$$;

--- api_admin_customer_deactivate
-- Deactivates a customer: no new tickets are taken for it; its open
-- tickets stay as they are. Returns its id.
CREATE OR REPLACE FUNCTION api_admin_customer_deactivate(p_customer text) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    RETURN api_admin_customer_set(p_customer, '{"active": false}');
END
$$;

--- admin_find_contact
-- The contact named by `ref`: its id ("12" or "#12"), else its e-mail
-- address (ignoring case) when only one contact has it. TT400 on field
-- `contact` otherwise.
CREATE OR REPLACE FUNCTION admin_find_contact(ref text) RETURNS int
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
        PERFORM admin_refuse_if(ARRAY[admin_problem('contact', 'ambiguous_address',
            'several customers have a contact with this address: give the contact id (contacts list CUSTOMER)')],
            'which contact?');
    END IF;
    PERFORM admin_refuse_if(ARRAY[admin_problem('contact', 'unknown',
                            'no contact has this id or e-mail address')], 'no such contact');
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION admin_find_contact(text) FROM ticketty_agent;

--- api_admin_contact_set
-- Changes a contact (by id or e-mail address). `changes`: name, email,
-- phone ("" removes it; checked as intake_phone_ok has it), lang (en, es:
-- the language of the mail it gets), spoc (yes/no: grants or revokes the
-- right to open tickets), active. Every refused field is named at once
-- (TT400); an unchanged contact writes no audit row, a changed one
-- contact.set, contact.spoc_granted, contact.spoc_revoked or
-- contact.deactivate. Returns the contact id.
CREATE OR REPLACE FUNCTION api_admin_contact_set(p_contact text, changes jsonb) RETURNS int
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
            ELSIF text_has_control(v) THEN
                v_problems := v_problems || admin_one_line_refusal('name');
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
                v_problems := v_problems || admin_problem('email', 'exists',
                                                          'this customer already has a contact with this address');
            ELSE
                n.email := v;
            END IF;
        WHEN 'phone' THEN
            v := nullif(btrim(v), '');
            IF v IS NOT NULL AND NOT intake_phone_ok(v) THEN
                v_problems := v_problems || admin_problem('phone', 'malformed',
                    'expected a phone number: 7 to 15 digits, with only spaces, a leading +, hyphens, dots, paired parentheses and an extension such as ext 12');
            ELSE
                n.phone := v;
            END IF;
        WHEN 'lang' THEN
            v := lower(btrim(v));
            IF mail_language_problem(v) IS NOT NULL THEN
                v_problems := v_problems || mail_language_problem(v);
            ELSE
                n.lang := v;
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
                'a contact has no such field (name, email, phone, lang, spoc, active)');
        END CASE;
    END LOOP;
    PERFORM admin_refuse_if(v_problems, 'the contact was not changed');

    UPDATE contacts x SET name = n.name, email = n.email, phone = n.phone, lang = n.lang,
                          spoc = n.spoc, active = n.active
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

--- api_admin_contact_deactivate
-- Deactivates a contact: it can no longer open tickets. Returns its id.
CREATE OR REPLACE FUNCTION api_admin_contact_deactivate(p_contact text) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    RETURN api_admin_contact_set(p_contact, '{"active": false}');
END
$$;

--- api_contacts_list
-- The contacts of a customer (by id or name), for every agent: SPOCs
-- first, then by name, as one JSON array. TT400 on an unknown customer.
CREATE OR REPLACE FUNCTION api_contacts_list(p_customer text) RETURNS json
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

--- api_admin_audit
-- The administration audit log, newest first, at most `max_rows` rows
-- older than event `before_id` (NULL = from the newest), as a JSON array.
-- Admins only.
CREATE OR REPLACE FUNCTION api_admin_audit(max_rows int DEFAULT 100, before_id bigint DEFAULT NULL) RETURNS json
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

--- api_admin_customer_list
-- Customers with plan, CSM, account representative (name, address and
-- language) and contact counts, as one JSON array (the CLI prints it for
-- --json and reads it for text).
CREATE OR REPLACE FUNCTION api_admin_customer_list() RETURNS json
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce(json_agg(json_build_object(
               'id', c.id, 'name', c.name, 'member_id', c.member_id, 'plan', c.plan,
               'csm', a.login, 'account_rep_name', c.account_rep_name,
               'account_rep_email', c.account_rep_email, 'account_rep_lang', c.account_rep_lang,
               'active', c.active,
               'contacts', (SELECT count(*) FROM contacts k WHERE k.customer_id = c.id),
               'spocs', (SELECT count(*) FROM contacts k WHERE k.customer_id = c.id AND k.spoc))
             ORDER BY c.name, c.id), '[]'::json)
      FROM customers c LEFT JOIN agents a ON a.id = c.csm_id
$$;

--- api_admin_contact_list
-- The contacts of one customer (name or id), for admins, with their
-- address, phone, whether they are an authorised SPOC, active, and the
-- language mail to them is written in, as a JSON array; NULL when there
-- is no such customer.
CREATE OR REPLACE FUNCTION api_admin_contact_list(p_customer text) RETURNS json
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

--- api_admin_agent_list
-- Agents with role, team and whether they are active, as a JSON array.
CREATE OR REPLACE FUNCTION api_admin_agent_list() RETURNS json
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce(json_agg(json_build_object(
               'id', a.id, 'login', a.login, 'name', a.display_name, 'email', a.email,
               'role', a.role, 'team', t.key, 'lang', a.lang, 'active', a.active,
               'mail_notifications', EXISTS (SELECT 1 FROM agent_mail_prefs p WHERE p.agent_id = a.id))
             ORDER BY a.role, a.login), '[]'::json)
      FROM agents a LEFT JOIN teams t ON t.id = a.team_id
$$;

--- mail_language_problem
-- The problem with a language code, or NULL when it is one mail is written in.
CREATE OR REPLACE FUNCTION mail_language_problem(p_lang text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT CASE WHEN p_lang IN ('en', 'es') THEN NULL
                ELSE admin_problem('lang', 'not_a_language', 'one of en, es') END
$$;
REVOKE ALL ON FUNCTION mail_language_problem(text) FROM ticketty_agent, PUBLIC;

--- api_admin_agent_set
-- Changes an agent (by login). `changes` is a JSON object of field ->
-- text: name, email ("" removes it, unless the agent gets notifications
-- by mail), team (an active team's key; "" removes it; an agent may stay
-- in a team deactivated since), lang (en, es), role (one of agent_role;
-- not one's own; refused as agent_role_problems says), active (yes: the
-- agent may log in again; no: not oneself, and refused as
-- api_admin_agent_deactivate is, by agent_leave_problems under field
-- active; its tickets that are not closed go back to their team's queue,
-- as api_admin_agent_deactivate sends them). The login follows the role and the state:
-- in the ticketty_<role> group of its role while active, in no
-- ticketty_* group of ours while not. Every refused field is named at
-- once (TT400); an unchanged agent writes no audit row, a changed one
-- agent.set, agent.role, agent.deactivate or agent.reactivate. Returns
-- the id.
CREATE OR REPLACE FUNCTION api_admin_agent_set(p_login text, changes jsonb) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
    c          agents;
    n          agents;
    v_before   jsonb;
    k          text;
    v          text;
    v_action   text := 'agent.set';
    v_group    text;
    v_after    jsonb;
BEGIN
    PERFORM admin_caller();
    SELECT * INTO c FROM agents a WHERE a.login = p_login FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM admin_refuse_if(ARRAY[admin_problem('login', 'unknown', 'no agent has this login')],
                                'no such agent');
    END IF;
    IF changes IS NULL OR jsonb_typeof(changes) <> 'object' OR changes = '{}'::jsonb THEN
        PERFORM admin_refuse_if(ARRAY[admin_problem('changes', 'required',
                                'name at least one field to change (FIELD=VALUE)')], 'nothing to change');
    END IF;
    n := c;
    v_before := admin_agent_json(c.id);
    FOR k IN SELECT x FROM jsonb_object_keys(changes) AS x ORDER BY x LOOP
        v := changes ->> k;
        CASE k
        WHEN 'name' THEN
            v := btrim(v);
            IF v IS NULL OR v = '' THEN
                v_problems := v_problems || admin_problem('name', 'required', 'a display name is required');
            ELSIF char_length(v) > 200 THEN
                v_problems := v_problems || admin_problem('name', 'too_long', 'at most 200 characters');
            ELSIF text_has_control(v) THEN
                v_problems := v_problems || admin_one_line_refusal('name');
            ELSE
                n.display_name := v;
            END IF;
        WHEN 'email' THEN
            v := nullif(btrim(v), '');
            IF v IS NULL AND EXISTS (SELECT 1 FROM agent_mail_prefs p WHERE p.agent_id = c.id) THEN
                v_problems := v_problems || admin_problem('email', 'required',
                    'this agent gets notifications by mail; they must turn that off first');
            ELSIF v IS NOT NULL AND NOT admin_email_ok(v) THEN
                v_problems := v_problems || admin_problem('email', 'malformed',
                                                          'expected an address like name@example.com');
            ELSE
                n.email := v;
            END IF;
        WHEN 'team' THEN
            v := nullif(btrim(v), '');
            n.team_id := (SELECT t.id FROM teams t WHERE t.key = v);
            -- a deactivated team takes nobody; an agent already in it may stay
            IF v IS NOT NULL AND (n.team_id IS NULL OR n.team_id IS DISTINCT FROM c.team_id)
               AND admin_team_problem('team', v) IS NOT NULL THEN
                v_problems := v_problems || admin_team_problem('team', v);
            END IF;
        WHEN 'lang' THEN
            v := lower(btrim(v));
            IF mail_language_problem(v) IS NOT NULL THEN
                v_problems := v_problems || mail_language_problem(v);
            ELSE
                n.lang := v;
            END IF;
        WHEN 'role' THEN
            v := lower(btrim(v));
            IF v IS NULL OR v = '' THEN
                v_problems := v_problems || admin_problem('role', 'required', 'a role is required');
            ELSIF NOT v = ANY (enum_range(NULL::agent_role)::text[]) THEN
                v_problems := v_problems || admin_problem('role', 'unknown',
                    'one of ' || array_to_string(enum_range(NULL::agent_role)::text[], ', '));
            ELSIF v::agent_role <> c.role AND p_login = session_user THEN
                v_problems := v_problems || admin_problem('role', 'self', 'you cannot change your own role');
            ELSIF v::agent_role <> c.role AND agent_role_problems(c.id, v::agent_role) <> '{}' THEN
                v_problems := v_problems || agent_role_problems(c.id, v::agent_role);
            ELSE
                n.role := v::agent_role;
            END IF;
        WHEN 'active' THEN
            IF admin_bool(changes -> k) IS NULL THEN
                v_problems := v_problems || admin_problem(k, 'malformed', 'must be yes or no');
            ELSIF NOT admin_bool(changes -> k) AND p_login = session_user THEN
                v_problems := v_problems || admin_problem('active', 'self', 'you cannot deactivate yourself');
            ELSIF NOT admin_bool(changes -> k) AND c.active
                  AND agent_leave_problems(c.id, 'active') <> '{}' THEN
                v_problems := v_problems || agent_leave_problems(c.id, 'active');
            ELSE
                n.active := admin_bool(changes -> k);
            END IF;
        ELSE
            v_problems := v_problems || admin_problem(k, 'unknown',
                'an agent has no such field here (name, email, team, lang, role, active)');
        END CASE;
    END LOOP;
    PERFORM admin_refuse_if(v_problems, 'the agent was not changed');

    UPDATE agents a SET display_name = n.display_name, email = n.email, team_id = n.team_id,
                        lang = n.lang, role = n.role, active = n.active
     WHERE a.id = c.id;
    -- the login follows: out of the group it leaves, into the one it joins
    v_group := 'ticketty_' || c.role::text;
    IF c.active AND (NOT n.active OR n.role <> c.role)
       AND pg_catalog.pg_has_role(p_login, v_group, 'MEMBER') THEN
        EXECUTE format('REVOKE %I FROM %I', v_group, p_login);
    END IF;
    IF n.active AND (NOT c.active OR n.role <> c.role) THEN
        PERFORM admin_ensure_login(p_login, n.role);
    END IF;
    v_action := CASE WHEN n.active AND NOT c.active THEN 'agent.reactivate'
                     WHEN c.active AND NOT n.active THEN 'agent.deactivate'
                     WHEN n.role <> c.role THEN 'agent.role'
                     ELSE 'agent.set' END;
    v_after := admin_agent_json(c.id);
    -- an agent who may no longer log in keeps no ticket: they go back to
    -- their team's queue, as api_admin_agent_deactivate sends them
    IF c.active AND NOT n.active THEN
        v_after := v_after || jsonb_build_object('returned_tickets',
                                                 to_jsonb(agent_return_tickets(c.id, p_login)));
    END IF;
    IF v_after IS DISTINCT FROM v_before THEN
        PERFORM admin_audit(v_action, 'agent', c.id, p_login, v_before, v_after);
    END IF;
    RETURN c.id;
END
$$;

--- api_my_mail
-- The calling agent's own mail settings: address, language and whether
-- notifications go by mail, as JSON.
CREATE OR REPLACE FUNCTION api_my_mail() RETURNS json
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
    SELECT json_build_object('email', a.email, 'lang', a.lang,
                             'notifications', EXISTS (SELECT 1 FROM agent_mail_prefs p
                                                       WHERE p.agent_id = a.id))
      FROM agents a WHERE a.id = current_agent_id()
$$;

--- api_agent_language
-- The calling agent chooses the language of the mail ticketty sends them.
CREATE OR REPLACE FUNCTION api_agent_language(p_lang text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_me   int := current_agent_id();
    v_lang text := lower(btrim(p_lang));
BEGIN
    IF mail_language_problem(v_lang) IS NOT NULL THEN
        PERFORM admin_refuse_if(ARRAY[mail_language_problem(v_lang)], 'the language was not changed');
    END IF;
    UPDATE agents SET lang = v_lang WHERE id = v_me;
END
$$;

--- notification_words
-- The kind of a notification in words, in Spanish for p_lang 'es', else
-- in English (its own name when unknown), the escalation's hand-over
-- (escalation.handed) among them.
CREATE OR REPLACE FUNCTION notification_words(p_kind text, p_lang text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce(CASE WHEN p_lang = 'es' THEN
        CASE p_kind
            WHEN 'emergency'               THEN 'emergencia'
            WHEN 'escalation.raised'       THEN 'nuevo escalado'
            WHEN 'escalation.passed_up'    THEN 'escalado elevado'
            WHEN 'escalation.acknowledged' THEN 'escalado confirmado'
            WHEN 'escalation.resolved'     THEN 'escalado resuelto'
            WHEN 'escalation.handed'       THEN 'escalado traspasado a usted'
            WHEN 'ticket.acknowledged'     THEN 'ticket confirmado'
            WHEN 'ticket.changed'          THEN 'ticket modificado'
            WHEN 'ticket.resolved'         THEN 'ticket resuelto'
            WHEN 'ticket.duplicate'        THEN 'cerrado como duplicado'
            WHEN 'ticket.customer_reply'   THEN 'el cliente respondió'
            WHEN 'ticket.retriaged'        THEN 'clasificación corregida'
            WHEN 'ticket.rerouted'         THEN 'enviado a su equipo'
            WHEN 'ticket.mail_bounced'     THEN 'respuesta no entregada'
        END
    ELSE
        CASE p_kind
            WHEN 'emergency'               THEN 'emergency'
            WHEN 'escalation.raised'       THEN 'escalation raised'
            WHEN 'escalation.passed_up'    THEN 'escalation passed up'
            WHEN 'escalation.acknowledged' THEN 'escalation acknowledged'
            WHEN 'escalation.resolved'     THEN 'escalation resolved'
            WHEN 'escalation.handed'       THEN 'escalation handed to you'
            WHEN 'ticket.acknowledged'     THEN 'ticket acknowledged'
            WHEN 'ticket.changed'          THEN 'ticket changed'
            WHEN 'ticket.resolved'         THEN 'ticket resolved'
            WHEN 'ticket.duplicate'        THEN 'closed as a duplicate'
            WHEN 'ticket.customer_reply'   THEN 'customer replied'
            WHEN 'ticket.retriaged'        THEN 'triage corrected'
            WHEN 'ticket.rerouted'         THEN 'sent to your team'
            WHEN 'ticket.mail_bounced'     THEN 'answer not delivered'
        END
    END, p_kind)
$$;
REVOKE ALL ON FUNCTION notification_words(text, text) FROM ticketty_agent, PUBLIC;

--- agent_role_problems
-- What keeps agent `p_agent` from taking role `p_role`: the problems
-- (admin_problem, field role) naming the work that would be left with
-- nobody (the customers, the tickets: a few, then how many more); empty
-- when there is none. Internal (api_admin_agent_set).
-- A CSM that leaves the role may be no customer's CSM. Escalations count
-- only the live levels nobody else could take (the customer has no other
-- active CSM, there is no other active COO or CEO): the others are handed
-- over by agents_escalation_hand_over when the role changes. A pm,
-- developer or mail (the mail gateway) may hold no open ticket.
-- p_role NULL means the agent leaves every role (it is deactivated): then
-- it may be no customer's CSM and hold no live level nobody else could
-- take; its open tickets are no problem (as when it becomes a CSM, COO or
-- CEO).
CREATE OR REPLACE FUNCTION agent_role_problems(p_agent int, p_role agent_role) RETURNS text[]
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT array_remove(ARRAY[
        (SELECT admin_problem('role', 'still_csm', 'the CSM of '
                    || string_agg(x.name, ', ' ORDER BY x.name)
                    || CASE WHEN max(x.n) > 3 THEN format(' and %s more', max(x.n) - 3) ELSE '' END)
           FROM (SELECT c.name, count(*) OVER () AS n, row_number() OVER (ORDER BY c.name) AS k
                   FROM customers c WHERE c.csm_id = p_agent) x
          WHERE p_role IS DISTINCT FROM 'csm' AND x.k <= 3
         HAVING count(*) > 0),
        (SELECT admin_problem('role', 'holds_escalations', 'tickets '
                    || string_agg('#' || x.ticket_id, ', ' ORDER BY x.ticket_id)
                    || CASE WHEN max(x.n) > 5 THEN format(' and %s more', max(x.n) - 5) ELSE '' END)
           FROM (SELECT e.ticket_id, count(*) OVER () AS n, row_number() OVER (ORDER BY e.ticket_id) AS k
                   FROM escalations e
                  WHERE e.holder_id = p_agent AND e.state IN ('open', 'acknowledged')
                    AND p_role IS DISTINCT FROM escalation_level_role(e.level)
                    AND NOT EXISTS (
                        SELECT 1 FROM agents a
                         WHERE a.active AND a.id <> p_agent
                           AND CASE WHEN e.level = 1
                                    THEN a.id = (SELECT c.csm_id FROM tickets t
                                                   JOIN customers c ON c.id = t.customer_id
                                                  WHERE t.id = e.ticket_id)
                                    ELSE a.role = escalation_level_role(e.level) END)) x
          WHERE x.k <= 5
         HAVING count(*) > 0),
        (SELECT admin_problem('role', 'assigned_tickets', 'tickets '
                    || string_agg('#' || x.id, ', ' ORDER BY x.id)
                    || CASE WHEN max(x.n) > 5 THEN format(' and %s more', max(x.n) - 5) ELSE '' END)
           FROM (SELECT t.id, count(*) OVER () AS n, row_number() OVER (ORDER BY t.id) AS k
                   FROM tickets t WHERE t.assignee_id = p_agent AND t.is_open) x
          WHERE p_role::text IN ('pm', 'developer', 'mail') AND x.k <= 5
         HAVING count(*) > 0)
    ], NULL)
$$;
REVOKE ALL ON FUNCTION agent_role_problems(int, agent_role) FROM ticketty_agent, PUBLIC;

--- admin_request_type_json
-- A request type as the audit keeps it: its name, example and routing.
-- Internal.
CREATE OR REPLACE FUNCTION admin_request_type_json(id int) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT jsonb_build_object('key', r.key, 'name', r.name, 'example', r.example, 'team', t.key,
                              'account_rep', r.account_rep, 'ui_related', r.ui_related)
      FROM request_types r LEFT JOIN teams t ON t.id = r.team_id
     WHERE r.id = admin_request_type_json.id
$$;
REVOKE ALL ON FUNCTION admin_request_type_json(int) FROM ticketty_agent;

--- api_admin_request_type_list
-- Every request type in the intake form's order, with where it goes:
-- key, name, team (key and name; null when the account representative
-- takes it), account_rep, ui_related, example. Any agent may read it.
CREATE OR REPLACE FUNCTION api_admin_request_type_list() RETURNS json
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce(json_agg(json_build_object(
               'key', r.key, 'name', r.name, 'team', t.key, 'team_name', t.name,
               'account_rep', r.account_rep, 'ui_related', r.ui_related, 'example', r.example)
             ORDER BY r.position), '[]'::json)
      FROM request_types r LEFT JOIN teams t ON t.id = r.team_id
$$;
GRANT EXECUTE ON FUNCTION api_admin_request_type_list() TO ticketty_agent;

--- api_admin_request_type_set
-- Changes request type p_key: what it is called and where it goes.
-- `changes` is a JSON object of field -> text: name (one line, at most 60
-- characters, no other type's), example (one line, at most 200; ""
-- removes it), team (an active team's key: the type goes to that team),
-- account_rep (yes: the type goes to the account representative; no
-- needs a team), ui_related (yes|no). Admins only (TT403); every refused
-- field named (TT400). Returns the type's id.
CREATE OR REPLACE FUNCTION api_admin_request_type_set(p_key text, changes jsonb) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
    r          request_types;
    n          request_types;
    v_before   jsonb;
    v_line     text;
    k          text;
    v          text;
BEGIN
    PERFORM admin_caller();
    SELECT * INTO r FROM request_types x WHERE x.key = btrim(p_key) FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM admin_refuse_if(ARRAY[admin_problem('request_type', 'unknown',
                                'one of ' || (SELECT string_agg(x.key, ', ' ORDER BY x.position)
                                                FROM request_types x))],
                                'no such request type');
    END IF;
    IF changes IS NULL OR jsonb_typeof(changes) <> 'object' OR changes = '{}'::jsonb THEN
        PERFORM admin_refuse_if(ARRAY[admin_problem('changes', 'required',
                                'name at least one field to change (FIELD=VALUE)')], 'nothing to change');
    END IF;
    n := r;
    v_before := admin_request_type_json(r.id);
    FOR k IN SELECT x FROM jsonb_object_keys(changes) AS x ORDER BY x LOOP
        v := btrim(changes ->> k);
        CASE k
        WHEN 'name' THEN
            v_line := admin_label_problem('name', v, 60, true);
            IF v_line IS NOT NULL THEN
                v_problems := v_problems || v_line;
            ELSIF EXISTS (SELECT 1 FROM request_types x WHERE lower(x.name) = lower(v) AND x.id <> r.id) THEN
                v_problems := v_problems || admin_problem('name', 'exists',
                                                          'another request type has this name');
            ELSE
                n.name := v;
            END IF;
        WHEN 'example' THEN
            v_line := admin_label_problem('example', v, 200, false);
            IF v_line IS NOT NULL THEN
                v_problems := v_problems || v_line;
            ELSE
                n.example := CASE WHEN NOT intake_blank(to_jsonb(v)) THEN v END;
            END IF;
        WHEN 'team' THEN
            v_line := CASE WHEN v IS NULL OR v = '' THEN
                                admin_problem('team', 'required',
                                    'name a team (account_rep=yes sends the type to the account representative)')
                           ELSE admin_team_problem('team', v) END;
            IF v_line IS NOT NULL THEN
                v_problems := v_problems || v_line;
            ELSIF admin_bool(changes -> 'account_rep') THEN
                v_problems := v_problems || admin_problem('team', 'conflict',
                    'a type goes to a team or to the account representative, not both');
            ELSE
                n.team_id := (SELECT t.id FROM teams t WHERE t.key = v);
                n.account_rep := false;
            END IF;
        WHEN 'account_rep' THEN
            IF admin_bool(changes -> k) IS NULL THEN
                v_problems := v_problems || admin_problem('account_rep', 'malformed', 'must be yes or no');
            ELSIF admin_bool(changes -> k) THEN
                n.team_id := NULL;
                n.account_rep := true;
            ELSIF NOT changes ? 'team' AND r.account_rep THEN
                v_problems := v_problems || admin_problem('account_rep', 'needs_team',
                    'name the team the type goes to instead (team=KEY)');
            END IF;
        WHEN 'ui_related' THEN
            IF admin_bool(changes -> k) IS NULL THEN
                v_problems := v_problems || admin_problem('ui_related', 'malformed', 'must be yes or no');
            ELSE
                n.ui_related := admin_bool(changes -> k);
            END IF;
        ELSE
            v_problems := v_problems || admin_problem(k, 'unknown',
                'a request type has no such field (name, example, team, account_rep, ui_related)');
        END CASE;
    END LOOP;
    PERFORM admin_refuse_if(v_problems, 'the request type was not changed');

    UPDATE request_types x
       SET name = n.name, example = n.example,
           team_id = n.team_id, account_rep = n.account_rep, ui_related = n.ui_related
     WHERE x.id = r.id;
    IF admin_request_type_json(r.id) IS DISTINCT FROM v_before THEN
        PERFORM admin_audit('request_type.set', 'request_type', r.id, r.key, v_before,
                            admin_request_type_json(r.id));
    END IF;
    RETURN r.id;
END
$$;
GRANT EXECUTE ON FUNCTION api_admin_request_type_set(text, jsonb) TO ticketty_agent;

--- admin_label_problem
-- What is wrong with the name or example an admin gives a team or a
-- request type (NULL when nothing): blank when p_required (a blank
-- example is none), longer than p_max characters once trimmed, or more
-- than one line (a line break, a tab or another control character: the
-- text is drawn in lists and pickers). Internal.
CREATE OR REPLACE FUNCTION admin_label_problem(p_field text, p_value text, p_max int,
                                               p_required boolean) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT CASE WHEN intake_blank(to_jsonb(coalesce(p_value, ''))) THEN
                     CASE WHEN p_required THEN admin_problem(p_field, 'required', 'is required') END
                WHEN text_has_control(p_value) THEN admin_one_line_refusal(p_field)
                WHEN char_length(btrim(p_value)) > p_max THEN
                     admin_problem(p_field, 'too_long', format('at most %s characters', p_max))
           END
$$;
REVOKE ALL ON FUNCTION admin_label_problem(text, text, int, boolean) FROM ticketty_agent, PUBLIC;

--- admin_key_problem
-- What is wrong with the key of a new team or request type (NULL when
-- nothing): lower-case letters, digits and _, starting with a letter, at
-- most 40 (keys the table's CHECK takes (982), which the command line,
-- the queue's filters and intake payloads spell). Internal.
CREATE OR REPLACE FUNCTION admin_key_problem(p_key text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT CASE WHEN p_key IS NULL OR btrim(p_key) = '' THEN
                     admin_problem('key', 'required', 'is required')
                WHEN p_key !~ '^[a-z][a-z0-9_]{0,39}$' THEN
                     admin_problem('key', 'malformed',
                         'lower-case letters, digits and _, starting with a letter, at most 40 characters')
           END
$$;
REVOKE ALL ON FUNCTION admin_key_problem(text) FROM ticketty_agent, PUBLIC;

--- admin_some
-- The first five of `items` joined with commas, and how many more there
-- are ("#4, #7, #9, #12, #15 and 3 more"); NULL when there is none.
-- Internal.
CREATE OR REPLACE FUNCTION admin_some(items text[], total bigint) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT CASE WHEN total > 0 THEN
                array_to_string(items[1:5], ', ')
                || CASE WHEN total > 5 THEN format(' and %s more', total - 5) ELSE '' END END
$$;
REVOKE ALL ON FUNCTION admin_some(text[], bigint) FROM ticketty_agent, PUBLIC;

--- admin_team_problem
-- Why team p_key cannot take a request type or an agent (NULL when it
-- can): no team has the key (the active ones are named), or it is
-- deactivated. The team it names is locked FOR SHARE until the caller's
-- transaction ends: a deactivation (api_admin_team_set, FOR UPDATE)
-- waits for it and then sees what was routed to the team. Internal.
CREATE OR REPLACE FUNCTION admin_team_problem(p_field text, p_key text) RETURNS text
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_active boolean;
BEGIN
    SELECT t.active INTO v_active FROM teams t WHERE t.key = btrim(p_key) FOR SHARE;
    IF NOT FOUND THEN
        RETURN admin_problem(p_field, 'unknown',
            'one of ' || coalesce((SELECT string_agg(t.key, ', ' ORDER BY t.key) FROM teams t
                                    WHERE t.active), 'none'));
    ELSIF NOT v_active THEN
        RETURN admin_problem(p_field, 'inactive', 'the team is deactivated');
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION admin_team_problem(text, text) FROM ticketty_agent, PUBLIC;

--- admin_team_json
-- A team as the audit keeps it. Internal.
CREATE OR REPLACE FUNCTION admin_team_json(id int) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT jsonb_build_object('key', t.key, 'name', t.name, 'active', t.active)
      FROM teams t WHERE t.id = admin_team_json.id
$$;
REVOKE ALL ON FUNCTION admin_team_json(int) FROM ticketty_agent, PUBLIC;

--- team_leave_problems
-- What keeps team p_team from being deactivated, each line under field
-- p_field (active): the request types that still go to it, its tickets
-- that are not closed (a resolved one reopens into the team's queue when
-- the customer writes back) and the active agents who belong to it, each
-- named; empty when there is none. Internal.
CREATE OR REPLACE FUNCTION team_leave_problems(p_team int, p_field text) RETURNS text[]
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT array_remove(ARRAY[
        (SELECT admin_problem(p_field, 'routed_types',
                    format('request types still go to this team (%s); route them to another team first',
                           admin_some(array_agg(r.key ORDER BY r.position), count(*))))
           FROM request_types r WHERE r.team_id = p_team
         HAVING count(*) > 0),
        (SELECT admin_problem(p_field, 'unclosed_tickets',
                    format('tickets of this team are not closed yet (%s); re-triage or close them first',
                           admin_some(ARRAY(SELECT '#' || t.id FROM tickets t
                                             WHERE t.team_id = p_team AND t.status <> 'closed'
                                             ORDER BY t.id LIMIT 5), x.n)))
           FROM (SELECT count(*) AS n FROM tickets t
                  WHERE t.team_id = p_team AND t.status <> 'closed') x
          WHERE x.n > 0),
        (SELECT admin_problem(p_field, 'members',
                    format('active agents still belong to this team (%s); move them to another team first',
                           admin_some(array_agg(a.login::text ORDER BY a.login), count(*))))
           FROM agents a WHERE a.team_id = p_team AND a.active
         HAVING count(*) > 0)
    ], NULL)
$$;
REVOKE ALL ON FUNCTION team_leave_problems(int, text) FROM ticketty_agent, PUBLIC;

--- api_admin_team_list
-- Every team by key, as a JSON array: key, name, active, the request
-- types that go to it (keys, in the intake form's order), how many active
-- agents belong to it and how many of its tickets are open. Any agent may
-- read it.
CREATE OR REPLACE FUNCTION api_admin_team_list() RETURNS json
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce(json_agg(json_build_object(
               'key', t.key, 'name', t.name, 'active', t.active,
               'request_types', coalesce((SELECT json_agg(r.key ORDER BY r.position)
                                            FROM request_types r WHERE r.team_id = t.id), '[]'::json),
               'agents', (SELECT count(*) FROM agents a WHERE a.team_id = t.id AND a.active),
               'open_tickets', (SELECT count(*) FROM tickets x WHERE x.team_id = t.id AND x.is_open))
             ORDER BY t.key), '[]'::json)
      FROM teams t
$$;
GRANT EXECUTE ON FUNCTION api_admin_team_list() TO ticketty_agent;

--- api_admin_team_add
-- Adds a team: key (admin_key_problem; no other team's), name (one line,
-- at most 60 characters, no other team's). Admins only (TT403); every
-- refused field named (TT400). Audited as team.add. Returns its id.
CREATE OR REPLACE FUNCTION api_admin_team_add(p_key text, p_name text) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
    v_line     text;
    v_id       int;
BEGIN
    PERFORM admin_caller();
    -- two adds at once: the second waits, then sees the first's key and name
    LOCK TABLE teams IN SHARE ROW EXCLUSIVE MODE;
    v_line := admin_key_problem(p_key);
    IF v_line IS NOT NULL THEN
        v_problems := v_problems || v_line;
    ELSIF EXISTS (SELECT 1 FROM teams t WHERE t.key = p_key) THEN
        v_problems := v_problems || admin_problem('key', 'exists', 'a team with this key already exists');
    END IF;
    v_line := admin_label_problem('name', p_name, 60, true);
    IF v_line IS NOT NULL THEN
        v_problems := v_problems || v_line;
    ELSIF EXISTS (SELECT 1 FROM teams t WHERE lower(t.name) = lower(btrim(p_name))) THEN
        v_problems := v_problems || admin_problem('name', 'exists', 'another team has this name');
    END IF;
    PERFORM admin_refuse_if(v_problems, 'the team was not added');

    INSERT INTO teams (key, name) VALUES (p_key, btrim(p_name)) RETURNING id INTO v_id;
    PERFORM admin_audit('team.add', 'team', v_id, p_key, NULL, admin_team_json(v_id));
    RETURN v_id;
END
$$;
GRANT EXECUTE ON FUNCTION api_admin_team_add(text, text) TO ticketty_agent;

--- api_admin_team_set
-- Changes team p_key. `changes` is a JSON object of field -> text: name
-- (one line, at most 60 characters, no other team's), active (no: the
-- team takes no request type and no agent from now on, refused while
-- team_leave_problems names something that still uses it; yes brings it
-- back). Admins only (TT403); every refused field named (TT400); an
-- unchanged team writes no audit row, a changed one team.set,
-- team.deactivate or team.reactivate. Returns its id.
CREATE OR REPLACE FUNCTION api_admin_team_set(p_key text, changes jsonb) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
    c          teams;
    n          teams;
    v_before   jsonb;
    v_line     text;
    k          text;
    v          text;
BEGIN
    PERFORM admin_caller();
    SELECT * INTO c FROM teams t WHERE t.key = btrim(p_key) FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM admin_refuse_if(ARRAY[admin_problem('team', 'unknown',
                                'one of ' || (SELECT string_agg(t.key, ', ' ORDER BY t.key) FROM teams t))],
                                'no such team');
    END IF;
    IF changes IS NULL OR jsonb_typeof(changes) <> 'object' OR changes = '{}'::jsonb THEN
        PERFORM admin_refuse_if(ARRAY[admin_problem('changes', 'required',
                                'name at least one field to change (FIELD=VALUE)')], 'nothing to change');
    END IF;
    n := c;
    v_before := admin_team_json(c.id);
    FOR k IN SELECT x FROM jsonb_object_keys(changes) AS x ORDER BY x LOOP
        v := btrim(changes ->> k);
        CASE k
        WHEN 'name' THEN
            v_line := admin_label_problem('name', v, 60, true);
            IF v_line IS NOT NULL THEN
                v_problems := v_problems || v_line;
            ELSIF EXISTS (SELECT 1 FROM teams t WHERE lower(t.name) = lower(v) AND t.id <> c.id) THEN
                v_problems := v_problems || admin_problem('name', 'exists', 'another team has this name');
            ELSE
                n.name := v;
            END IF;
        WHEN 'active' THEN
            IF admin_bool(changes -> k) IS NULL THEN
                v_problems := v_problems || admin_problem(k, 'malformed', 'must be yes or no');
            ELSIF NOT admin_bool(changes -> k) AND c.active
                  AND team_leave_problems(c.id, 'active') <> '{}' THEN
                v_problems := v_problems || team_leave_problems(c.id, 'active');
            ELSE
                n.active := admin_bool(changes -> k);
            END IF;
        ELSE
            v_problems := v_problems || admin_problem(k, 'unknown', 'a team has no such field (name, active)');
        END CASE;
    END LOOP;
    PERFORM admin_refuse_if(v_problems, 'the team was not changed');

    UPDATE teams t SET name = n.name, active = n.active WHERE t.id = c.id;
    IF admin_team_json(c.id) IS DISTINCT FROM v_before THEN
        PERFORM admin_audit(CASE WHEN n.active AND NOT c.active THEN 'team.reactivate'
                                 WHEN c.active AND NOT n.active THEN 'team.deactivate'
                                 ELSE 'team.set' END,
                            'team', c.id, c.key, v_before, admin_team_json(c.id));
    END IF;
    RETURN c.id;
END
$$;
GRANT EXECUTE ON FUNCTION api_admin_team_set(text, jsonb) TO ticketty_agent;

--- api_admin_team_deactivate
-- Deactivates team p_key: api_admin_team_set with active no (refused,
-- naming each, while request types go to it, tickets of it are not closed
-- or active agents belong to it). Returns its id.
CREATE OR REPLACE FUNCTION api_admin_team_deactivate(p_key text) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    RETURN api_admin_team_set(p_key, '{"active": false}');
END
$$;
GRANT EXECUTE ON FUNCTION api_admin_team_deactivate(text) TO ticketty_agent;

--- api_admin_request_type_add
-- Adds a request type after the others on the intake form: key
-- (admin_key_problem; no other type's), name (one line, at most 60
-- characters, no other type's), where it goes (p_team, an active team's
-- key, or p_account_rep: the account representative takes it and intake
-- refuses it; one of the two), whether screenshots are mandatory
-- (p_ui_related) and an example (one line, at most 200; optional).
-- Admins only (TT403); every refused field named (TT400). Audited as
-- request_type.add. Returns its id.
CREATE OR REPLACE FUNCTION api_admin_request_type_add(p_key text, p_name text, p_team text,
                                                      p_account_rep boolean DEFAULT false,
                                                      p_ui_related boolean DEFAULT false,
                                                      p_example text DEFAULT NULL) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
    v_line     text;
    v_team     smallint;
    v_id       int;
BEGIN
    PERFORM admin_caller();
    -- two adds at once: the second waits, then sees the first's key, name
    -- and place on the form
    LOCK TABLE request_types IN SHARE ROW EXCLUSIVE MODE;
    v_line := admin_key_problem(p_key);
    IF v_line IS NOT NULL THEN
        v_problems := v_problems || v_line;
    ELSIF EXISTS (SELECT 1 FROM request_types r WHERE r.key = p_key) THEN
        v_problems := v_problems || admin_problem('key', 'exists',
                                                  'a request type with this key already exists');
    END IF;
    v_line := admin_label_problem('name', p_name, 60, true);
    IF v_line IS NOT NULL THEN
        v_problems := v_problems || v_line;
    ELSIF EXISTS (SELECT 1 FROM request_types r WHERE lower(r.name) = lower(btrim(p_name))) THEN
        v_problems := v_problems || admin_problem('name', 'exists', 'another request type has this name');
    END IF;
    IF coalesce(p_account_rep, false) THEN
        IF nullif(btrim(p_team), '') IS NOT NULL THEN
            v_problems := v_problems || admin_problem('team', 'conflict',
                'a type goes to a team or to the account representative, not both');
        END IF;
    ELSIF nullif(btrim(p_team), '') IS NULL THEN
        v_problems := v_problems || admin_problem('team', 'required',
            'name the team the type goes to, or let the account representative take it');
    ELSE
        v_line := admin_team_problem('team', p_team);
        IF v_line IS NOT NULL THEN
            v_problems := v_problems || v_line;
        ELSE
            SELECT t.id INTO v_team FROM teams t WHERE t.key = btrim(p_team);
        END IF;
    END IF;
    v_line := admin_label_problem('example', p_example, 200, false);
    IF v_line IS NOT NULL THEN
        v_problems := v_problems || v_line;
    END IF;
    PERFORM admin_refuse_if(v_problems, 'the request type was not added');

    INSERT INTO request_types (key, name, example, team_id, account_rep, ui_related, position)
    VALUES (p_key, btrim(p_name),
            CASE WHEN NOT intake_blank(to_jsonb(coalesce(p_example, ''))) THEN btrim(p_example) END,
            v_team, coalesce(p_account_rep, false), coalesce(p_ui_related, false),
            (SELECT coalesce(max(r.position), 0) + 1 FROM request_types r))
    RETURNING id INTO v_id;
    PERFORM admin_audit('request_type.add', 'request_type', v_id, p_key, NULL,
                        admin_request_type_json(v_id));
    RETURN v_id;
END
$$;
GRANT EXECUTE ON FUNCTION api_admin_request_type_add(text, text, text, boolean, boolean, text) TO ticketty_agent;

--- api_admin_customer_add
-- Adds a customer; returns its id. member_id is text so that a malformed
-- number is reported as a field like every other refusal. account_rep is
-- "Name <email>"; account_rep_lang en or es (en when not given). Every
-- refused field is named at once (TT400).
CREATE OR REPLACE FUNCTION api_admin_customer_add(p_name text, p_member_id text, p_plan text,
                                       p_csm text DEFAULT NULL,
                                       p_account_rep text DEFAULT NULL,
                                       p_account_rep_lang text DEFAULT NULL) RETURNS int
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
    ELSIF text_has_control(v_name) THEN
        v_problems := v_problems || admin_one_line_refusal('name');
    ELSIF EXISTS (SELECT 1 FROM customers c WHERE lower(c.name) = lower(v_name)) THEN
        v_problems := v_problems || admin_problem('name', 'exists',
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
            v_problems := v_problems || admin_problem('member_id', 'exists',
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
        IF text_has_control(p_account_rep) THEN
            v_problems := v_problems || admin_one_line_refusal('account_rep');
        ELSIF v_rep IS NULL OR NOT admin_email_ok(v_rep[2]) OR char_length(v_rep[1]) > 200 THEN
            v_problems := v_problems || admin_problem('account_rep', 'malformed',
                                                      'expected "Name <address@example.com>"');
        END IF;
    END IF;

    IF p_account_rep_lang IS NOT NULL AND btrim(p_account_rep_lang) NOT IN ('en', 'es') THEN
        v_problems := v_problems || admin_problem('account_rep_lang', 'not_a_language', 'must be en or es');
    END IF;

    PERFORM admin_refuse_if(v_problems, 'the customer was not added');

    INSERT INTO customers (name, member_id, plan, csm_id, account_rep_name, account_rep_email,
                           account_rep_lang)
    VALUES (v_name, v_member, p_plan::plan_kind, v_csm.id, v_rep[1], v_rep[2],
            coalesce(btrim(p_account_rep_lang), 'en'))
    RETURNING id INTO v_id;
    PERFORM admin_audit('customer.add', 'customer', v_id, v_name, NULL, admin_customer_json(v_id));
    RETURN v_id;
END
$$;
GRANT EXECUTE ON FUNCTION api_admin_customer_add(text, text, text, text, text, text) TO ticketty_agent;

--- agent_leave_problems
-- What keeps agent `p_agent` from being deactivated: agent_role_problems
-- of leaving every role, each line under field `p_field` (login for
-- `agent deactivate`, active for `agent set ... active=no`); empty when
-- there is none. Internal.
CREATE OR REPLACE FUNCTION agent_leave_problems(p_agent int, p_field text) RETURNS text[]
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce(array_agg(regexp_replace(x.line, '^role' || E'\t', p_field || E'\t') ORDER BY x.k),
                    '{}')
      FROM unnest(agent_role_problems(p_agent, NULL)) WITH ORDINALITY AS x(line, k)
$$;
REVOKE ALL ON FUNCTION agent_leave_problems(int, text) FROM ticketty_agent, PUBLIC;

--- admin_mail_template_json
-- A mail template as the audit log keeps it (NULL when there is none).
-- Internal.
CREATE OR REPLACE FUNCTION admin_mail_template_json(p_kind text, p_lang text) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT jsonb_build_object('kind', m.kind, 'lang', m.lang, 'subject', m.subject, 'body', m.body)
      FROM mail_templates m WHERE m.kind = p_kind AND m.lang = p_lang
$$;
REVOKE ALL ON FUNCTION admin_mail_template_json(text, text) FROM ticketty_agent, PUBLIC;
