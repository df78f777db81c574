-- 330_admin_checks.sql: deactivating an agent is checked as leaving its
-- role is, and two desk settings are audited.
--   * `admin agent deactivate LOGIN` and `admin agent set LOGIN active=no`
--     took an agent off the desk with the work a role change refuses to
--     leave behind: the escalations it held stayed with it, so nobody
--     could act on them, and a customer whose CSM it was could not be
--     escalated at all. Both are now refused (TT400, the role change's
--     codes still_csm and holds_escalations, naming the customers and the
--     tickets) while the agent is a customer's CSM or holds a live level
--     nobody else of that level could take. As with a role change, the
--     levels someone else can take go to that agent by themselves
--     (agents_escalation_hand_over, 250). The rules stay in one place:
--     agent_role_problems() (250, replaced whole) reads a NULL role as
--     leaving every role, and agent_leave_problems() names them under
--     the field the command was given. api_admin_agent_deactivate (005)
--     and api_admin_agent_set (230) are replaced whole.
--   * `mail policy KEY VALUE` and `admin template set KIND LANG` changed
--     the desk's mail without an admin_events row; they are audited as
--     mail_policy.set (the setting's value before and after) and
--     template.set (the template's subject and body before and after),
--     like every other change an admin makes. api_mail_policy_set and
--     api_mail_template_set (061) are replaced whole. An unchanged value
--     writes no row.

SELECT set_config('search_path', 'ticketty', true);

-- 250's agent_role_problems, whole: p_role NULL means the agent leaves
-- every role (it is deactivated): then it may be no customer's CSM and
-- hold no live level nobody else could take; its open tickets stay
-- assigned (as they do when it becomes a CSM, COO or CEO).
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
          WHERE p_role IN ('pm', 'developer') AND x.k <= 5
         HAVING count(*) > 0)
    ], NULL)
$$;

-- What keeps agent `p_agent` from being deactivated: agent_role_problems
-- of leaving every role, each line under field `p_field` (login for
-- `agent deactivate`, active for `agent set ... active=no`); empty when
-- there is none. Internal.
CREATE FUNCTION agent_leave_problems(p_agent int, p_field text) RETURNS text[]
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce(array_agg(regexp_replace(x.line, '^role' || E'\t', p_field || E'\t') ORDER BY x.k),
                    '{}')
      FROM unnest(agent_role_problems(p_agent, NULL)) WITH ORDINALITY AS x(line, k)
$$;
REVOKE ALL ON FUNCTION agent_leave_problems(int, text) FROM ticketty_agent, PUBLIC;

-- 005's api_admin_agent_deactivate, whole: refused while the agent is a
-- customer's CSM or holds a live level nobody else could take
-- (agent_leave_problems); the levels others can take go to them
-- (agents_escalation_hand_over). Deactivates an agent: ticketty refuses
-- it from now on, and it leaves its ticketty_<role> group so it can no
-- longer read the schema either. The PostgreSQL role itself is kept (it
-- may own other things). Returns its id.
CREATE OR REPLACE FUNCTION api_admin_agent_deactivate(p_login text) RETURNS int
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
    PERFORM admin_refuse_if(agent_leave_problems(v_agent.id, 'login'), 'agent not deactivated');
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

-- 230's api_admin_agent_set, whole: active=no of an active agent is
-- refused as api_admin_agent_deactivate is (agent_leave_problems, under
-- field active).
-- Changes an agent (by login). `changes` is a JSON object of field ->
-- text: name, email ("" removes it, unless the agent gets notifications
-- by mail), team (a team key; "" removes it), lang (en, es), role (one
-- of agent_role; see agent_role_problems), active (yes: the agent may
-- log in again; no: as api_admin_agent_deactivate). The login follows
-- the role and the state: in the ticketty_<role> group of its role while
-- active, in no ticketty_* group of ours while not. Every refused field
-- is named at once (TT400); an unchanged agent writes no audit row.
-- Returns the id.
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
            IF v IS NOT NULL AND n.team_id IS NULL THEN
                v_problems := v_problems || admin_problem('team', 'unknown',
                    'one of ' || (SELECT string_agg(t.key, ', ' ORDER BY t.key) FROM teams t));
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
    IF admin_agent_json(c.id) IS DISTINCT FROM v_before THEN
        PERFORM admin_audit(v_action, 'agent', c.id, p_login, v_before, admin_agent_json(c.id));
    END IF;
    RETURN c.id;
END
$$;

-- A mail template as the audit log keeps it (NULL when there is none).
-- Internal.
CREATE FUNCTION admin_mail_template_json(p_kind text, p_lang text) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT jsonb_build_object('kind', m.kind, 'lang', m.lang, 'subject', m.subject, 'body', m.body)
      FROM mail_templates m WHERE m.kind = p_kind AND m.lang = p_lang
$$;
REVOKE ALL ON FUNCTION admin_mail_template_json(text, text) FROM ticketty_agent, PUBLIC;

-- 061's api_mail_template_set, whole: audited as template.set (object
-- KIND/LANG, the subject and body before and after).
-- Sets a template (admin only). Unknown kind or language: TT400.
CREATE OR REPLACE FUNCTION api_mail_template_set(p_kind text, p_lang text, p_subject text, p_body text)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
    v_before   jsonb;
BEGIN
    PERFORM require_role('admin');
    IF p_kind IS NULL OR NOT EXISTS (SELECT 1 FROM mail_templates WHERE kind = p_kind) THEN
        v_problems := v_problems || format(E'kind\tunknown\tthere is no template kind "%s"', p_kind);
    END IF;
    IF p_lang IS NULL OR p_lang NOT IN ('en', 'es') THEN
        v_problems := v_problems || format(E'lang\tunknown\tthe language must be en or es, not "%s"', p_lang);
    END IF;
    IF p_subject IS NULL OR btrim(p_subject) = '' THEN
        v_problems := v_problems || E'subject\trequired\tis required'::text;
    ELSIF length(p_subject) > 500 THEN
        v_problems := v_problems || E'subject\ttoo_long\tis longer than 500 characters'::text;
    END IF;
    IF p_body IS NULL OR btrim(p_body) = '' THEN
        v_problems := v_problems || E'body\trequired\tis required'::text;
    ELSIF length(p_body) > 100000 THEN
        v_problems := v_problems || E'body\ttoo_long\tis longer than 100000 characters'::text;
    END IF;
    IF cardinality(v_problems) > 0 THEN
        RAISE EXCEPTION 'the template was refused' USING ERRCODE = 'TT400',
            DETAIL = array_to_string(v_problems, E'\n');
    END IF;
    PERFORM 1 FROM mail_templates m WHERE m.kind = p_kind AND m.lang = p_lang FOR UPDATE;
    v_before := admin_mail_template_json(p_kind, p_lang);
    INSERT INTO mail_templates (kind, lang, subject, body) VALUES (p_kind, p_lang, p_subject, p_body)
    ON CONFLICT (kind, lang) DO UPDATE SET subject = EXCLUDED.subject, body = EXCLUDED.body;
    IF admin_mail_template_json(p_kind, p_lang) IS DISTINCT FROM v_before THEN
        PERFORM admin_audit('template.set', 'mail_template', NULL, p_kind || '/' || p_lang,
                            v_before, admin_mail_template_json(p_kind, p_lang));
    END IF;
END
$$;

-- 061's api_mail_policy_set, whole: audited as mail_policy.set (object
-- KEY, {"KEY": value} before and after).
-- Sets one mail policy value (admin only); a bad key or value: TT400.
CREATE OR REPLACE FUNCTION api_mail_policy_set(p_key text, p_value text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_before text;
    v_after  text;
BEGIN
    PERFORM require_role('admin');
    IF p_key IS NULL OR NOT EXISTS (SELECT 1 FROM mail_policy WHERE key = p_key) THEN
        RAISE EXCEPTION 'unknown mail setting "%"', p_key USING ERRCODE = 'TT400',
            DETAIL = format(E'key\tunknown\tthere is no mail setting "%s"', p_key);
    END IF;
    SELECT m.value INTO v_before FROM mail_policy m WHERE m.key = p_key FOR UPDATE;
    BEGIN
        UPDATE mail_policy SET value = btrim(p_value) WHERE key = p_key
        RETURNING value INTO v_after;
    EXCEPTION WHEN check_violation OR not_null_violation THEN
        RAISE EXCEPTION 'the value of % is not valid', p_key USING ERRCODE = 'TT400',
            DETAIL = format(E'value\tinvalid\t"%s" is not a valid %s', p_value, p_key);
    END;
    IF v_after IS DISTINCT FROM v_before THEN
        PERFORM admin_audit('mail_policy.set', 'mail_policy', NULL, p_key,
                            jsonb_build_object(p_key, v_before), jsonb_build_object(p_key, v_after));
    END IF;
END
$$;
