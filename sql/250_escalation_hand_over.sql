-- 250_escalation_hand_over.sql: a live escalation changes hands at its
-- level. A CSM going on leave, a COO who steps down: until now the level
-- stayed with the agent recorded when it was raised, so an agent holding
-- escalations could not change role (230 refused it) and a customer's new
-- CSM did not hold what the old one left.
--   * api_escalation_hand(ticket, login, reason): the holder (or a higher
--     level, as for every step) hands the live level to another active
--     agent whose role is that level's (a CSM, the COO, the CEO), with a
--     reason. The level is open again for the new holder to acknowledge.
--   * When a customer's CSM changes, the live CSM levels the old CSM held
--     on that customer's tickets go to the new one.
--   * When an agent leaves a level's role or is deactivated, the live
--     levels it held go to the level's holder now (the customer's CSM, an
--     active COO or CEO). agent_role_problems() (230, replaced whole)
--     refuses a role change only for the levels nobody else could take.
-- Each hand-over is audited (escalation.handed: from, holder, reason or
-- cause) and notifies the new holder.
--   * A level is held by its recorded holder (and acted on by higher
--     ranks) only: escalation_holds() (040, replaced whole) no longer
--     counts the customer's current CSM as a holder of every CSM level,
--     which the triggers above now keep recorded; a CSM who handed a level
--     over no longer finds it under "what waits for me". Live CSM levels
--     recorded for a customer's former CSM go to its CSM now (what the
--     old rule already meant for them).

SELECT set_config('search_path', 'ticketty', true);

-- The role that holds level `lvl`: csm, coo, ceo (the level keys).
CREATE FUNCTION escalation_level_role(lvl smallint) RETURNS agent_role
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$ SELECT CASE lvl WHEN 1 THEN 'csm'::agent_role WHEN 2 THEN 'coo'::agent_role
                      WHEN 3 THEN 'ceo'::agent_role END $$;

-- Moves live escalation `e` to agent `p_to`: open again (the new holder
-- acknowledges it), the ticket bumped, the new holder notified, audited
-- with the reason given or the cause (csm_changed, role_changed,
-- deactivated). Internal: callers have checked the rules.
CREATE FUNCTION escalation_hand_to(e escalations, p_to int, p_reason text, p_cause text)
    RETURNS escalations
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_key  text := (SELECT l.key FROM escalation_levels l WHERE l.level = e.level);
    v_from text := (SELECT a.login FROM agents a WHERE a.id = e.holder_id);
    v_to   text := (SELECT a.login FROM agents a WHERE a.id = p_to);
    v_out  escalations;
BEGIN
    UPDATE escalations SET holder_id = p_to, state = 'open', acknowledged_by = NULL, acknowledged_at = NULL
     WHERE id = e.id RETURNING * INTO v_out;
    UPDATE tickets SET version = version + 1, updated_at = tt_now() WHERE id = e.ticket_id;
    INSERT INTO notifications (recipient_agent_id, kind, ticket_id, escalation_id, payload)
    VALUES (p_to, 'escalation.handed', e.ticket_id, e.id,
            jsonb_strip_nulls(jsonb_build_object('level', e.level, 'level_key', v_key, 'from', v_from,
                                                 'reason', coalesce(p_reason, e.reason), 'cause', p_cause)));
    -- audit() written out: a hand-over the triggers below make may come
    -- from a session that is no agent (an owner's UPDATE of customers),
    -- whose event then has no actor instead of being refused
    INSERT INTO ticket_events (ticket_id, actor_id, kind, version, details)
    SELECT e.ticket_id, session_agent_id(), 'escalation.handed', t.version,
           jsonb_strip_nulls(jsonb_build_object('escalation', e.id, 'round', e.round, 'level', e.level,
                                                'level_key', v_key, 'from', v_from, 'holder', v_to,
                                                'reason', p_reason, 'cause', p_cause))
      FROM tickets t WHERE t.id = e.ticket_id;
    PERFORM pg_notify('ticketty', json_build_object('ticket', e.ticket_id, 'kind', 'escalation.handed')::text);
    RETURN v_out;
END
$$;

-- Hands the ticket's live escalation to the agent with this login, at the
-- same level, with a reason. The holder or a higher level may; the new
-- holder must be active, have the level's role and not hold it already.
-- Returns the escalations row.
CREATE FUNCTION api_escalation_hand(ticket bigint, login text, reason text) RETURNS escalations
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    me int := current_agent_id();
    t  tickets;
    e  escalations;
    a  agents;
BEGIN
    IF reason IS NULL OR btrim(reason, E' \t\r\n') = '' THEN
        PERFORM esc_raise_tt400('reason', 'required', 'handing an escalation over needs a reason');
    ELSIF char_length(reason) > 20000 THEN
        PERFORM esc_raise_tt400('reason', 'too_long', 'the reason is longer than 20000 characters');
    END IF;
    t := esc_lock_ticket(api_escalation_hand.ticket);
    e := esc_live(t.id);
    IF e.id IS NULL THEN
        RAISE EXCEPTION 'ticket % has no open escalation to hand over', t.id USING ERRCODE = 'TT409';
    END IF;
    IF NOT escalation_may_act(e, me) THEN
        PERFORM esc_refuse_not_holder(e, 'hand over');
    END IF;
    a := esc_agent_by_login(api_escalation_hand.login);
    IF a.role <> escalation_level_role(e.level) THEN
        PERFORM esc_raise_tt400('login', 'wrong_role',
            format('%s cannot hold the %s level: it needs the %s role, not %s',
                   a.display_name, upper(escalation_level_role(e.level)::text),
                   escalation_level_role(e.level), a.role));
    END IF;
    IF a.id IS NOT DISTINCT FROM e.holder_id THEN
        RAISE EXCEPTION '% already holds the escalation of ticket %', a.display_name, t.id
            USING ERRCODE = 'TT409';
    END IF;
    RETURN escalation_hand_to(e, a.id, btrim(reason, E' \t\r\n'), NULL);
END
$$;

-- A customer's new CSM takes the live CSM levels the old one held on the
-- customer's tickets (an inactive or missing new CSM takes nothing).
CREATE FUNCTION customers_csm_hand_over() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    e escalations;
BEGIN
    IF NEW.csm_id IS NULL OR NOT EXISTS (SELECT 1 FROM agents a WHERE a.id = NEW.csm_id AND a.active) THEN
        RETURN NULL;
    END IF;
    FOR e IN SELECT x.* FROM escalations x JOIN tickets t ON t.id = x.ticket_id
              WHERE t.customer_id = NEW.id AND x.level = 1 AND x.holder_id = OLD.csm_id
                AND x.state IN ('open', 'acknowledged')
              ORDER BY x.ticket_id FOR UPDATE OF x LOOP
        PERFORM escalation_hand_to(e, NEW.csm_id, NULL, 'csm_changed');
    END LOOP;
    RETURN NULL;
END
$$;
CREATE TRIGGER customers_csm_hand_over
    AFTER UPDATE OF csm_id ON customers
    FOR EACH ROW WHEN (OLD.csm_id IS DISTINCT FROM NEW.csm_id)
    EXECUTE FUNCTION customers_csm_hand_over();

-- An agent that leaves a level's role, or is deactivated, hands the live
-- levels it held to their holder now, where there is one other than itself.
CREATE FUNCTION agents_escalation_hand_over() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    e    escalations;
    v_to int;
BEGIN
    FOR e IN SELECT x.* FROM escalations x
              WHERE x.holder_id = NEW.id AND x.state IN ('open', 'acknowledged')
                AND (NOT NEW.active OR NEW.role <> escalation_level_role(x.level))
              ORDER BY x.ticket_id FOR UPDATE LOOP
        v_to := escalation_holder_for(e.ticket_id, e.level);
        IF v_to IS NOT NULL AND v_to <> NEW.id THEN
            PERFORM escalation_hand_to(e, v_to, NULL,
                                       CASE WHEN NEW.active THEN 'role_changed' ELSE 'deactivated' END);
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;
CREATE TRIGGER agents_escalation_hand_over
    AFTER UPDATE OF role, active ON agents
    FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role OR (OLD.active AND NOT NEW.active))
    EXECUTE FUNCTION agents_escalation_hand_over();

-- 040's escalation_holds, whole: the recorded holder, or at levels 2 and
-- 3 an agent whose role is exactly the level's (the COO, the CEO).
CREATE OR REPLACE FUNCTION escalation_holds(e escalations, me int) RETURNS boolean
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF me IS NULL OR e.id IS NULL THEN
        RETURN false;
    END IF;
    RETURN e.holder_id IS NOT DISTINCT FROM me
        OR (e.level > 1 AND escalation_agent_rank(me) = e.level);
END
$$;

UPDATE escalations e SET holder_id = c.csm_id
  FROM tickets t JOIN customers c ON c.id = t.customer_id JOIN agents a ON a.id = c.csm_id AND a.active
 WHERE t.id = e.ticket_id AND e.level = 1 AND e.state IN ('open', 'acknowledged')
   AND e.holder_id IS DISTINCT FROM c.csm_id;

-- 230's agent_role_problems, whole, with holds_escalations narrowed to
-- the live levels nobody else could take (the customer has no other
-- active CSM, there is no other active COO or CEO): the others are
-- handed over by agents_escalation_hand_over when the role changes.
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
          WHERE p_role <> 'csm' AND x.k <= 3
         HAVING count(*) > 0),
        (SELECT admin_problem('role', 'holds_escalations', 'tickets '
                    || string_agg('#' || x.ticket_id, ', ' ORDER BY x.ticket_id)
                    || CASE WHEN max(x.n) > 5 THEN format(' and %s more', max(x.n) - 5) ELSE '' END)
           FROM (SELECT e.ticket_id, count(*) OVER () AS n, row_number() OVER (ORDER BY e.ticket_id) AS k
                   FROM escalations e
                  WHERE e.holder_id = p_agent AND e.state IN ('open', 'acknowledged')
                    AND p_role <> escalation_level_role(e.level)
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

-- 210's notification_words, whole, with the hand-over.
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

REVOKE ALL ON FUNCTION
    escalation_level_role(smallint),
    escalation_hand_to(escalations, int, text, text),
    customers_csm_hand_over(),
    agents_escalation_hand_over(),
    notification_words(text, text)
FROM ticketty_agent, PUBLIC;
