-- 280_request_type_routing.sql: admins route request types (DESIGN.md
-- section 8: routing is shared policy and lives in the database). Until
-- now only the schema owner could change where a type goes, with SQL.
-- A request type goes to a team (team=KEY) or to the customer's account
-- representative (account_rep=yes: intake then refuses it, naming the
-- representative), and may be marked a user-interface problem
-- (ui_related=yes: screenshots become mandatory at intake). Tickets
-- already filed keep their team: a change applies from the next intake.
-- Each change is audited as request_type.set, before and after.

SELECT set_config('search_path', 'ticketty', true);

-- A request type's routing as the audit keeps it. Internal.
CREATE FUNCTION admin_request_type_json(id int) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT jsonb_build_object('key', r.key, 'name', r.name, 'team', t.key,
                              'account_rep', r.account_rep, 'ui_related', r.ui_related)
      FROM request_types r LEFT JOIN teams t ON t.id = r.team_id
     WHERE r.id = admin_request_type_json.id
$$;

-- Every request type in the intake form's order, with where it goes:
-- key, name, team (key and name; null when the account representative
-- takes it), account_rep, ui_related. Any agent may read it.
CREATE FUNCTION api_admin_request_type_list() RETURNS json
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce(json_agg(json_build_object(
               'key', r.key, 'name', r.name, 'team', t.key, 'team_name', t.name,
               'account_rep', r.account_rep, 'ui_related', r.ui_related)
             ORDER BY r.position), '[]'::json)
      FROM request_types r LEFT JOIN teams t ON t.id = r.team_id
$$;

-- Changes where request type p_key goes. `changes` is a JSON object of
-- field -> text: team (a team's key: the type goes to that team),
-- account_rep (yes: the type goes to the account representative; no
-- needs a team), ui_related (yes|no). Admins only (TT403); every refused
-- field named (TT400). Returns the type's id.
CREATE FUNCTION api_admin_request_type_set(p_key text, changes jsonb) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
    r          request_types;
    n          request_types;
    v_before   jsonb;
    v_team     teams;
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
        WHEN 'team' THEN
            SELECT * INTO v_team FROM teams t WHERE t.key = v;
            IF v IS NULL OR v = '' THEN
                v_problems := v_problems || admin_problem('team', 'required',
                    'name a team (account_rep=yes sends the type to the account representative)');
            ELSIF v_team.id IS NULL THEN
                v_problems := v_problems || admin_problem('team', 'unknown',
                    'one of ' || (SELECT string_agg(t.key, ', ' ORDER BY t.key) FROM teams t));
            ELSIF admin_bool(changes -> 'account_rep') THEN
                v_problems := v_problems || admin_problem('team', 'conflict',
                    'a type goes to a team or to the account representative, not both');
            ELSE
                n.team_id := v_team.id;
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
                'a request type has no such field (team, account_rep, ui_related)');
        END CASE;
    END LOOP;
    PERFORM admin_refuse_if(v_problems, 'the request type was not changed');

    UPDATE request_types x
       SET team_id = n.team_id, account_rep = n.account_rep, ui_related = n.ui_related
     WHERE x.id = r.id;
    IF admin_request_type_json(r.id) IS DISTINCT FROM v_before THEN
        PERFORM admin_audit('request_type.set', 'request_type', r.id, r.key, v_before,
                            admin_request_type_json(r.id));
    END IF;
    RETURN r.id;
END
$$;

REVOKE ALL ON FUNCTION admin_request_type_json(int) FROM ticketty_agent;
GRANT EXECUTE ON FUNCTION api_admin_request_type_list() TO ticketty_agent;
GRANT EXECUTE ON FUNCTION api_admin_request_type_set(text, jsonb) TO ticketty_agent;
