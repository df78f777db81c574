-- 921_deactivated_agent_tickets.sql: an agent deactivated while tickets
-- were assigned to them kept them: take-next and the queue's "unassigned"
-- filter skip an assigned ticket, so they stayed with someone who could
-- no longer act, and nobody was told (a customer's reply reopening a
-- resolved one told the inactive assignee only). Deactivating now returns
-- every ticket of theirs that is not closed to its team's queue,
-- unassigned, each with an 'unassign' event naming who had it and why,
-- in the same transaction as the deactivation, and the admin audit row
-- lists the tickets. api_admin_agent_deactivate (330) is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

CREATE OR REPLACE FUNCTION api_admin_agent_deactivate(p_login text) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_agent    agents%ROWTYPE;
    v_returned bigint[] := '{}';
    t          tickets;
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
    -- the tickets go back to their team's queue; the event is audit()
    -- written out, as in 250: a superuser running this is no agent, and
    -- its events then have no actor instead of being refused
    FOR t IN SELECT * FROM tickets x WHERE x.assignee_id = v_agent.id AND x.status <> 'closed'
              ORDER BY x.id FOR UPDATE LOOP
        UPDATE tickets SET assignee_id = NULL, version = version + 1, updated_at = tt_now()
         WHERE id = t.id;
        INSERT INTO ticket_events (ticket_id, actor_id, kind, version, details)
        VALUES (t.id, session_agent_id(), 'unassign', t.version + 1,
                jsonb_build_object('from', p_login, 'why', 'deactivated'));
        PERFORM pg_notify('ticketty', json_build_object('ticket', t.id, 'kind', 'unassign')::text);
        v_returned := v_returned || t.id;
    END LOOP;
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
