-- 230_agent_role.sql: an agent's role can change (issue 13's records
-- that change). An engineer promoted to Customer Success Manager, a CSM
-- who became the COO: the role was fixed at `admin agent add`, and the
-- login could not be added again. api_admin_agent_set() (210, replaced
-- whole: see sql/README) takes `role` too, and moves the login from one
-- ticketty_<role> group to the other in the same transaction. A change
-- that would leave work with nobody is refused, naming that work: the
-- customers whose CSM it is (when it stops being a CSM), the open
-- escalations it holds (each level is held by its role), the open
-- tickets assigned to it (when it becomes a pm or developer, who are
-- never assigned). Nobody changes their own role.

SELECT set_config('search_path', 'ticketty', true);

-- What keeps agent `p_agent` from taking role `p_role`: the problems
-- (admin_problem, field role) naming the work that would be left with
-- nobody (the customers, the tickets: a few, then how many more); empty
-- when there is none. Internal (api_admin_agent_set).
CREATE FUNCTION agent_role_problems(p_agent int, p_role agent_role) RETURNS text[]
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT array_remove(ARRAY[
        (SELECT admin_problem('role', 'still_csm', 'the CSM of '
                    || string_agg(x.name, ', ' ORDER BY x.name)
                    || CASE WHEN max(x.n) > 3 THEN format(' and %s more', max(x.n) - 3) ELSE '' END)
           FROM (SELECT c.name, count(*) OVER () AS n, row_number() OVER (ORDER BY c.name) AS k
                   FROM customers c WHERE c.csm_id = p_agent) x
          WHERE p_role <> 'csm' AND x.k <= 3
         HAVING count(*) > 0),
        (SELECT admin_problem('role', 'holds_escalations', 'tickets '
                    || string_agg('#' || x.ticket_id, ', ' ORDER BY x.ticket_id)
                    || CASE WHEN max(x.n) > 5 THEN format(' and %s more', max(x.n) - 5) ELSE '' END)
           FROM (SELECT e.ticket_id, count(*) OVER () AS n, row_number() OVER (ORDER BY e.ticket_id) AS k
                   FROM escalations e
                  WHERE e.holder_id = p_agent AND e.state IN ('open', 'acknowledged')) x
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
REVOKE ALL ON FUNCTION agent_role_problems(int, agent_role) FROM ticketty_agent, PUBLIC;

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

