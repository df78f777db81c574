-- 040_escalation.sql: the escalation path (CSM -> COO -> CEO) and ticket
-- collaborators, as API functions that check who is calling.
--
-- Rules (DESIGN.md §7), all enforced here:
--   * Escalations come in rounds. A round starts at level 1 (CSM) and
--     climbs one level at a time when the holder passes it up; nothing
--     goes past level 3 (CEO). Each level is reached at most once per
--     round (UNIQUE (ticket_id, round, level)); a trigger refuses a row
--     whose level below, in the same round, is missing or still live, even
--     for the schema owner. Once a round is resolved the ticket may be
--     escalated again: a new round starts at the CSM, the earlier rounds
--     stay as history. tickets.escalation_level is the level of the live
--     escalation, 0 when none is live.
--   * A level that is passed up is recorded as passed_up (its note is the
--     reason given for passing it up), never as resolved.
--   * A customer without an active CSM cannot be escalated: the refusal
--     names the administrators who must assign one (DESIGN.md §7); its
--     emergencies notify the COO instead (020_intake.sql).
--   * Raising needs a reason and an OPEN ticket (a resolved or closed
--     ticket has nothing left to escalate; reopen it first). Any agent may
--     raise while no level is live. While a level is open or acknowledged,
--     raising again is passing it up, which only the holder of that level
--     (or a higher one) may do; others get TT409 naming the holder.
--   * The holder of level 1 is the customer's CSM (customers.csm_id, or the
--     CSM recorded when it was raised); of level 2 any active agent with
--     role coo; of level 3 any active agent with role ceo. A higher level
--     may act in place of a lower one: coo (rank 2), ceo (rank 3) and admin
--     (rank 4) act on every level up to their rank.
--   * Acknowledging, resolving (with a note) and passing up are the
--     holder's; acknowledging and resolving work whatever the ticket's
--     state, passing up needs an open ticket like raising.
--   * Every step updates the escalations row and tickets.escalation_level/
--     version/updated_at, writes an audit event and a notification row.
--
-- The permission checks never return NULL: a missing holder, agent or
-- escalation gives false, so nobody but the customer's CSM (level 1) or a
-- higher rank acts (a NULL once let `IF NOT escalation_may_act(...)`
-- through). They are PL/pgSQL for their cached plans: the escalation list
-- calls escalation_is_mine/escalation_can_act once per row.
--
-- Collaborators: agents of any role following a ticket (they see it under
-- the "following" filter, may write internal notes, and are notified of
-- every event on it by 045_notify.sql).

SELECT set_config('search_path', 'ticketty', true);

-- ------------------------------------------------------------- helpers --


-- How high an agent role reaches on the escalation path.
CREATE FUNCTION escalation_rank(r agent_role) RETURNS int
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$ SELECT CASE r WHEN 'coo' THEN 2 WHEN 'ceo' THEN 3 WHEN 'admin' THEN 4 ELSE 0 END $$;

-- The escalation rank of an active agent (0 when none or inactive).
-- PL/pgSQL for its cached plan: these checks run once per listed row.
CREATE FUNCTION escalation_agent_rank(me int) RETURNS int
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    RETURN coalesce((SELECT escalation_rank(a.role) FROM agents a WHERE a.id = me AND a.active), 0);
END
$$;

-- The agent who holds `lvl` for `ticket` right now (NULL when nobody does:
-- a customer without CSM, no active COO/CEO). Internal.
CREATE FUNCTION escalation_holder_for(ticket bigint, lvl smallint) RETURNS int
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF lvl = 1 THEN
        RETURN (SELECT a.id FROM tickets t
                  JOIN customers c ON c.id = t.customer_id
                  JOIN agents a ON a.id = c.csm_id AND a.active
                 WHERE t.id = escalation_holder_for.ticket);
    END IF;
    RETURN (SELECT min(a.id) FROM agents a
             WHERE a.active AND a.role = CASE lvl WHEN 2 THEN 'coo'::agent_role
                                                 WHEN 3 THEN 'ceo'::agent_role END);
END
$$;

-- True when agent `me` may acknowledge, resolve or pass up escalation `e`:
-- it holds it, or its role ranks above the level (coo = 2, ceo = 3,
-- admin = 4 acts on every level). Never NULL.
CREATE FUNCTION escalation_may_act(e escalations, me int) RETURNS boolean
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF me IS NULL OR e.id IS NULL THEN
        RETURN false;
    END IF;
    RETURN escalation_holds(e, me) OR escalation_agent_rank(me) >= e.level;
END
$$;

-- True when agent `me` holds escalation `e` itself (not through a higher
-- rank): its recorded holder, the customer's current CSM at level 1, or an
-- agent whose role is exactly that level (coo at 2, ceo at 3). Never NULL.
CREATE FUNCTION escalation_holds(e escalations, me int) RETURNS boolean
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF me IS NULL OR e.id IS NULL THEN
        RETURN false;
    END IF;
    RETURN e.holder_id IS NOT DISTINCT FROM me
        OR (e.level = 1 AND escalation_holder_for(e.ticket_id, 1::smallint) IS NOT DISTINCT FROM me)
        OR (e.level > 1 AND escalation_agent_rank(me) = e.level);
END
$$;

-- For the calling agent, by escalation id (the `--mine` filter and the
-- view's marks). Never raise; false for non-agents.
-- escalation_is_mine: the caller holds it ("what waits for me").
CREATE FUNCTION escalation_is_mine(escalation bigint) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    e escalations;
BEGIN
    SELECT * INTO e FROM escalations x WHERE x.id = escalation_is_mine.escalation;
    RETURN escalation_holds(e, session_agent_id());
END
$$;

-- escalation_can_act: the caller may acknowledge, resolve or pass it up.
CREATE FUNCTION escalation_can_act(escalation bigint) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    e escalations;
BEGIN
    SELECT * INTO e FROM escalations x WHERE x.id = escalation_can_act.escalation;
    RETURN escalation_may_act(e, session_agent_id());
END
$$;

CREATE FUNCTION esc_raise_tt400(field text, code text, message text) RETURNS void
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION '%: %', field, message
        USING ERRCODE = 'TT400', DETAIL = field || E'\t' || code || E'\t' || message;
END
$$;

-- Levels are reached in order: the row below a new one must exist and be
-- finished (resolved or passed up). Applies to every writer.
CREATE FUNCTION escalations_check_order() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF NEW.level > 1 AND NOT EXISTS (
            SELECT 1 FROM escalations e
             WHERE e.ticket_id = NEW.ticket_id AND e.round = NEW.round AND e.level = NEW.level - 1
               AND e.state = 'passed_up') THEN
        RAISE EXCEPTION 'escalation level % of ticket % skips level %', NEW.level, NEW.ticket_id, NEW.level - 1
            USING ERRCODE = 'TT409';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER escalations_check_order
    BEFORE INSERT OR UPDATE OF level, round, ticket_id ON escalations
    FOR EACH ROW EXECUTE FUNCTION escalations_check_order();

-- escalations.ticket_severity is the ticket's severity: set on insert by
-- every writer, and carried to the live rows when the ticket's changes.
CREATE FUNCTION escalations_ticket_severity() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    NEW.ticket_severity := (SELECT t.severity FROM tickets t WHERE t.id = NEW.ticket_id);
    RETURN NEW;
END
$$;
CREATE TRIGGER escalations_ticket_severity
    BEFORE INSERT OR UPDATE OF ticket_id ON escalations
    FOR EACH ROW EXECUTE FUNCTION escalations_ticket_severity();

CREATE FUNCTION tickets_escalation_severity() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    UPDATE escalations e SET ticket_severity = NEW.severity
     WHERE e.ticket_id = NEW.id AND e.state IN ('open', 'acknowledged');
    RETURN NULL;
END
$$;
CREATE TRIGGER tickets_escalation_severity
    AFTER UPDATE OF severity ON tickets
    FOR EACH ROW WHEN (OLD.severity IS DISTINCT FROM NEW.severity)
    EXECUTE FUNCTION tickets_escalation_severity();
REVOKE ALL ON FUNCTION escalations_ticket_severity(), tickets_escalation_severity() FROM ticketty_agent;

-- The ticket row, locked; TT404 when missing. Internal.
CREATE FUNCTION esc_lock_ticket(ticket bigint) RETURNS tickets
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    t tickets;
BEGIN
    SELECT * INTO t FROM tickets WHERE id = esc_lock_ticket.ticket FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'ticket % not found', esc_lock_ticket.ticket USING ERRCODE = 'TT404';
    END IF;
    RETURN t;
END
$$;

-- Who must act when nobody holds a level: the active admins by name, or
-- "an administrator" when there is none.
CREATE FUNCTION esc_admins_named() RETURNS text
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce('an administrator (' || string_agg(a.display_name || ' <' || a.login || '>', ', '
                                                        ORDER BY a.login) || ')', 'an administrator')
      FROM agents a WHERE a.role = 'admin' AND a.active
$$;

-- Opens level `lvl` of round `rnd` for the locked ticket `t`, bumps the
-- ticket, notifies the holder and audits. Internal (callers have checked
-- the rules).
CREATE FUNCTION escalation_open_level(t tickets, rnd smallint, lvl smallint, reason text, me int,
                                      event_kind text) RETURNS escalations
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_holder int := escalation_holder_for(t.id, lvl);
    v_key    text := (SELECT l.key FROM escalation_levels l WHERE l.level = lvl);
    e        escalations;
BEGIN
    IF v_holder IS NULL AND lvl = 1 THEN
        RAISE EXCEPTION 'customer % has no active CSM to escalate ticket % to: % must assign one',
                        (SELECT c.name FROM customers c WHERE c.id = t.customer_id), t.id, esc_admins_named()
            USING ERRCODE = 'TT409',
                  HINT = 'ticketty admin customer set CUSTOMER csm=LOGIN';
    ELSIF v_holder IS NULL THEN
        RAISE EXCEPTION 'there is no active agent with role % to escalate ticket % to: % must add one',
                        v_key, t.id, esc_admins_named()
            USING ERRCODE = 'TT409',
                  HINT = 'ticketty admin agent add LOGIN --name NAME --role ROLE';
    END IF;
    INSERT INTO escalations (ticket_id, round, level, holder_id, raised_by, reason)
    VALUES (t.id, rnd, lvl, v_holder, me, btrim(escalation_open_level.reason, E' \t\r\n'))
    RETURNING * INTO e;
    UPDATE tickets SET escalation_level = lvl, version = version + 1, updated_at = tt_now()
     WHERE id = t.id;
    INSERT INTO notifications (recipient_agent_id, kind, ticket_id, escalation_id, payload)
    VALUES (v_holder, 'escalation.raised', t.id, e.id,
            jsonb_build_object('level', lvl, 'level_key', v_key, 'reason', e.reason, 'round', rnd,
                               'raised_by', (SELECT a.login FROM agents a WHERE a.id = me)));
    PERFORM audit(t.id, event_kind,
                  jsonb_build_object('escalation', e.id, 'round', rnd, 'level', lvl, 'level_key', v_key,
                                     'holder', (SELECT a.login FROM agents a WHERE a.id = v_holder),
                                     'reason', e.reason));
    RETURN e;
END
$$;

-- The live (open or acknowledged) escalation of a ticket, locked, or NULL.
CREATE FUNCTION esc_live(ticket bigint) RETURNS escalations
    LANGUAGE sql
    SET search_path = ticketty, pg_temp
AS $$
    SELECT * FROM escalations e
     WHERE e.ticket_id = esc_live.ticket AND e.state IN ('open', 'acknowledged')
     FOR UPDATE
$$;

CREATE FUNCTION esc_refuse_not_holder(e escalations, what text) RETURNS void
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'only % (holder of the % level) or a higher level may % this escalation',
                    coalesce((SELECT a.display_name FROM agents a WHERE a.id = e.holder_id), 'its holder'),
                    (SELECT upper(l.key) FROM escalation_levels l WHERE l.level = e.level), what
        USING ERRCODE = 'TT403';
END
$$;

-- Passes the live escalation `e` of locked ticket `t` up one level.
CREATE FUNCTION escalation_pass_up(t tickets, e escalations, reason text, me int) RETURNS escalations
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF e.level >= 3 THEN
        RAISE EXCEPTION 'ticket % is already escalated to the CEO: there is no higher level', t.id
            USING ERRCODE = 'TT409';
    END IF;
    UPDATE escalations SET state = 'passed_up', resolved_by = me, resolved_at = tt_now(),
                           resolution_note = btrim(escalation_pass_up.reason, E' \t\r\n'),
                           acknowledged_by = coalesce(acknowledged_by, me),
                           acknowledged_at = coalesce(acknowledged_at, tt_now())
     WHERE id = e.id;
    RETURN escalation_open_level(t, e.round, (e.level + 1)::smallint, escalation_pass_up.reason, me,
                                 'escalation.passed_up');
END
$$;

-- ------------------------------------------------------------------ API --

-- Escalates the ticket with a reason: with no live escalation, a new
-- round at the CSM (the first one, or the next after a resolved round);
-- with a live one, passes it up (holder or higher only). Returns the new
-- escalations row.
CREATE FUNCTION api_escalate(ticket bigint, reason text) RETURNS escalations
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    me   int := current_agent_id();
    t    tickets;
    live escalations;
BEGIN
    IF reason IS NULL OR btrim(reason, E' \t\r\n') = '' THEN
        PERFORM esc_raise_tt400('reason', 'required', 'an escalation needs a reason');
    ELSIF char_length(reason) > 20000 THEN
        PERFORM esc_raise_tt400('reason', 'too_long', 'the reason is longer than 20000 characters');
    END IF;
    t := esc_lock_ticket(api_escalate.ticket);
    IF NOT t.is_open THEN
        RAISE EXCEPTION 'ticket % is %: only open tickets are escalated', t.id, t.status
            USING ERRCODE = 'TT409', HINT = 'Reopen the ticket first.';
    END IF;
    live := esc_live(t.id);
    IF live.id IS NOT NULL THEN
        IF NOT escalation_may_act(live, me) THEN
            RAISE EXCEPTION 'ticket % is already escalated to level % (held by %); only its holder or a higher level may pass it up',
                            t.id, live.level,
                            coalesce((SELECT a.display_name FROM agents a WHERE a.id = live.holder_id), '?')
                USING ERRCODE = 'TT409';
        END IF;
        RETURN escalation_pass_up(t, live, reason, me);
    END IF;
    RETURN escalation_open_level(
        t, (coalesce((SELECT max(e.round) FROM escalations e WHERE e.ticket_id = t.id), 0) + 1)::smallint,
        1::smallint, reason, me, 'escalation.raised');
END
$$;

-- The holder (or a higher level) takes the live escalation in hand.
CREATE FUNCTION api_escalation_ack(ticket bigint) RETURNS escalations
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    me   int := current_agent_id();
    t    tickets := esc_lock_ticket(api_escalation_ack.ticket);
    e    escalations := esc_live(t.id);
BEGIN
    IF e.id IS NULL THEN
        RAISE EXCEPTION 'ticket % has no open escalation', t.id USING ERRCODE = 'TT409';
    END IF;
    IF NOT escalation_may_act(e, me) THEN
        PERFORM esc_refuse_not_holder(e, 'acknowledge');
    END IF;
    IF e.state = 'acknowledged' THEN
        RAISE EXCEPTION 'the escalation of ticket % is already acknowledged', t.id USING ERRCODE = 'TT409';
    END IF;
    UPDATE escalations SET state = 'acknowledged', acknowledged_by = me, acknowledged_at = tt_now()
     WHERE id = e.id RETURNING * INTO e;
    UPDATE tickets SET version = version + 1, updated_at = tt_now() WHERE id = t.id;
    INSERT INTO notifications (recipient_agent_id, kind, ticket_id, escalation_id, payload)
    SELECT e.raised_by, 'escalation.acknowledged', t.id, e.id,
           jsonb_build_object('level', e.level, 'by', (SELECT a.login FROM agents a WHERE a.id = me))
     WHERE e.raised_by <> me;
    PERFORM audit(t.id, 'escalation.acknowledged',
                  jsonb_build_object('escalation', e.id, 'level', e.level));
    RETURN e;
END
$$;

-- The holder (or a higher level) closes the live escalation with a note.
CREATE FUNCTION api_escalation_resolve(ticket bigint, note text) RETURNS escalations
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    me   int := current_agent_id();
    t    tickets;
    e    escalations;
BEGIN
    IF note IS NULL OR btrim(note, E' \t\r\n') = '' THEN
        PERFORM esc_raise_tt400('note', 'required', 'resolving an escalation needs a note');
    ELSIF char_length(note) > 20000 THEN
        PERFORM esc_raise_tt400('note', 'too_long', 'the note is longer than 20000 characters');
    END IF;
    t := esc_lock_ticket(api_escalation_resolve.ticket);
    e := esc_live(t.id);
    IF e.id IS NULL THEN
        RAISE EXCEPTION 'ticket % has no open escalation', t.id USING ERRCODE = 'TT409';
    END IF;
    IF NOT escalation_may_act(e, me) THEN
        PERFORM esc_refuse_not_holder(e, 'resolve');
    END IF;
    UPDATE escalations SET state = 'resolved', resolved_by = me, resolved_at = tt_now(),
                           resolution_note = btrim(note, E' \t\r\n'),
                           acknowledged_by = coalesce(acknowledged_by, me),
                           acknowledged_at = coalesce(acknowledged_at, tt_now())
     WHERE id = e.id RETURNING * INTO e;
    UPDATE tickets SET escalation_level = 0, version = version + 1, updated_at = tt_now()
     WHERE id = t.id;
    -- whoever raised it, and the assignee, hear how it ended
    INSERT INTO notifications (recipient_agent_id, kind, ticket_id, escalation_id, payload)
    SELECT DISTINCT r.id, 'escalation.resolved', t.id, e.id,
           jsonb_build_object('level', e.level, 'note', e.resolution_note,
                              'by', (SELECT a.login FROM agents a WHERE a.id = me))
      FROM (VALUES (e.raised_by), (t.assignee_id)) AS r(id)
     WHERE r.id IS NOT NULL AND r.id <> me;
    PERFORM audit(t.id, 'escalation.resolved',
                  jsonb_build_object('escalation', e.id, 'round', e.round, 'level', e.level,
                                     'note', e.resolution_note));
    RETURN e;
END
$$;

-- The holder (or a higher level) passes the live escalation one level up.
CREATE FUNCTION api_escalation_up(ticket bigint, reason text) RETURNS escalations
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    me   int := current_agent_id();
    t    tickets;
    e    escalations;
BEGIN
    IF reason IS NULL OR btrim(reason, E' \t\r\n') = '' THEN
        PERFORM esc_raise_tt400('reason', 'required', 'passing an escalation up needs a reason');
    ELSIF char_length(reason) > 20000 THEN
        PERFORM esc_raise_tt400('reason', 'too_long', 'the reason is longer than 20000 characters');
    END IF;
    t := esc_lock_ticket(api_escalation_up.ticket);
    e := esc_live(t.id);
    IF e.id IS NULL THEN
        RAISE EXCEPTION 'ticket % has no open escalation to pass up', t.id USING ERRCODE = 'TT409',
            HINT = 'Use escalate to raise the ticket to its next level.';
    END IF;
    IF NOT escalation_may_act(e, me) THEN
        PERFORM esc_refuse_not_holder(e, 'pass up');
    END IF;
    IF NOT t.is_open THEN
        RAISE EXCEPTION 'ticket % is %: only open tickets are escalated', t.id, t.status
            USING ERRCODE = 'TT409';
    END IF;
    RETURN escalation_pass_up(t, e, reason, me);
END
$$;

-- -------------------------------------------------------- collaborators --

-- True when the calling agent follows the ticket (the queue's "following"
-- filter). Never raises; false for non-agents.
CREATE FUNCTION is_following(ticket bigint) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM ticket_collaborators c
                    WHERE c.ticket_id = is_following.ticket AND c.agent_id = session_agent_id())
$$;

-- True when `agent` collaborates on `ticket` (for other API functions,
-- e.g. allowing a pm or developer collaborator to write internal notes).
CREATE FUNCTION is_collaborator(ticket bigint, agent int) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM ticket_collaborators c
                    WHERE c.ticket_id = is_collaborator.ticket AND c.agent_id = is_collaborator.agent)
$$;

-- The active agent with this login, or TT400 on field `login`.
CREATE FUNCTION esc_agent_by_login(login text) RETURNS agents
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    a agents;
BEGIN
    SELECT * INTO a FROM agents WHERE agents.login = esc_agent_by_login.login;
    IF NOT FOUND THEN
        PERFORM esc_raise_tt400('login', 'unknown', format('no agent has the login "%s"', esc_agent_by_login.login));
    ELSIF NOT a.active THEN
        PERFORM esc_raise_tt400('login', 'inactive', format('agent "%s" is deactivated', esc_agent_by_login.login));
    END IF;
    RETURN a;
END
$$;

-- Adds an agent (any role) as collaborator. Support staff (engineer, csm,
-- coo, ceo, admin) may add anyone; true when added, false when already there.
CREATE FUNCTION api_ticket_add_collaborator(ticket bigint, login text) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    me int := require_role('engineer', 'csm', 'coo', 'ceo', 'admin');
    t  tickets := esc_lock_ticket(api_ticket_add_collaborator.ticket);
    a  agents := esc_agent_by_login(api_ticket_add_collaborator.login);
BEGIN
    INSERT INTO ticket_collaborators (ticket_id, agent_id, added_by)
    VALUES (t.id, a.id, me) ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    PERFORM audit(t.id, 'collaborator.added', jsonb_build_object('agent', a.login));
    RETURN true;
END
$$;

-- Removes a collaborator. Support staff may remove anyone; any agent may
-- remove itself (stop following). True when removed, false when absent.
CREATE FUNCTION api_ticket_remove_collaborator(ticket bigint, login text) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    me int := current_agent_id();
    t  tickets := esc_lock_ticket(api_ticket_remove_collaborator.ticket);
    a  agents;
BEGIN
    SELECT * INTO a FROM agents WHERE agents.login = api_ticket_remove_collaborator.login;
    IF NOT FOUND THEN
        PERFORM esc_raise_tt400('login', 'unknown',
                            format('no agent has the login "%s"', api_ticket_remove_collaborator.login));
    END IF;
    IF a.id <> me THEN
        PERFORM require_role('engineer', 'csm', 'coo', 'ceo', 'admin');
    END IF;
    DELETE FROM ticket_collaborators c WHERE c.ticket_id = t.id AND c.agent_id = a.id;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    PERFORM audit(t.id, 'collaborator.removed', jsonb_build_object('agent', a.login));
    RETURN true;
END
$$;

-- ----------------------------------------------------------- privileges --

REVOKE ALL ON FUNCTION
    escalation_agent_rank(int),
    escalation_holder_for(bigint, smallint),
    escalation_may_act(escalations, int),
    escalation_holds(escalations, int),
    esc_raise_tt400(text, text, text),
    escalations_check_order(),
    esc_lock_ticket(bigint),
    escalation_open_level(tickets, smallint, smallint, text, int, text),
    esc_admins_named(),
    esc_live(bigint),
    esc_refuse_not_holder(escalations, text),
    escalation_pass_up(tickets, escalations, text, int),
    is_collaborator(bigint, int),
    esc_agent_by_login(text)
FROM ticketty_agent, PUBLIC;
