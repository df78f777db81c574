-- sql/functions/escalation.sql: the escalation path CSM -> COO -> CEO:
-- raising, acknowledging, passing up, resolving, handing over, and its
-- totals.
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- escalation_rank
-- How high an agent role reaches on the escalation path.
CREATE OR REPLACE FUNCTION escalation_rank(r agent_role) RETURNS int
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$ SELECT CASE r WHEN 'coo' THEN 2 WHEN 'ceo' THEN 3 WHEN 'admin' THEN 4 ELSE 0 END $$;

--- escalation_agent_rank
-- The escalation rank of an active agent (0 when none or inactive).
-- PL/pgSQL for its cached plan: these checks run once per listed row.
CREATE OR REPLACE FUNCTION escalation_agent_rank(me int) RETURNS int
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    RETURN coalesce((SELECT escalation_rank(a.role) FROM agents a WHERE a.id = me AND a.active), 0);
END
$$;
REVOKE ALL ON FUNCTION escalation_agent_rank(int) FROM ticketty_agent, PUBLIC;

--- escalation_holder_for
-- The agent who holds `lvl` for `ticket` right now (NULL when nobody does:
-- a customer without CSM, no active COO/CEO). Internal.
CREATE OR REPLACE FUNCTION escalation_holder_for(ticket bigint, lvl smallint) RETURNS int
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
REVOKE ALL ON FUNCTION escalation_holder_for(bigint, smallint) FROM ticketty_agent, PUBLIC;

--- escalation_may_act
-- True when agent `me` may acknowledge, resolve or pass up escalation `e`:
-- it holds it, or its role ranks at or above the level (coo = 2, ceo = 3,
-- admin = 4 acts on every level). Never NULL.
CREATE OR REPLACE FUNCTION escalation_may_act(e escalations, me int) RETURNS boolean
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
REVOKE ALL ON FUNCTION escalation_may_act(escalations, int) FROM ticketty_agent, PUBLIC;

--- escalation_holds
-- True when agent `me` holds escalation `e` itself (not through a higher
-- rank): its recorded holder, or at levels 2 and 3 an agent whose role is
-- exactly the level's (the COO, the CEO). Never NULL.
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
REVOKE ALL ON FUNCTION escalation_holds(escalations, int) FROM ticketty_agent, PUBLIC;

--- escalation_is_mine
-- True when the caller holds escalation `escalation` ("what waits for
-- me": the `--mine` filter and the view's marks). Never raises; false
-- for non-agents.
CREATE OR REPLACE FUNCTION escalation_is_mine(escalation bigint) RETURNS boolean
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

--- escalation_can_act
-- True when the caller may acknowledge, resolve or pass up escalation
-- `escalation` (escalation_may_act). Never raises; false for non-agents.
CREATE OR REPLACE FUNCTION escalation_can_act(escalation bigint) RETURNS boolean
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

--- esc_raise_tt400
-- Raises TT400 with one refusal line (field, code, message), the message
-- the error's own words too (the field's key is no part of them: the
-- client names the field in the reader's words). Internal.
CREATE OR REPLACE FUNCTION esc_raise_tt400(field text, code text, message text) RETURNS void
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION '%', message
        USING ERRCODE = 'TT400', DETAIL = field || E'\t' || code || E'\t' || message;
END
$$;
REVOKE ALL ON FUNCTION esc_raise_tt400(text, text, text) FROM ticketty_agent, PUBLIC;

--- escalations_check_order
-- Levels are reached in order: the row below a new one (same round) must
-- exist and have been passed up, else TT409. Applies to every writer.
CREATE OR REPLACE FUNCTION escalations_check_order() RETURNS trigger
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
REVOKE ALL ON FUNCTION escalations_check_order() FROM ticketty_agent, PUBLIC;

--- escalations_ticket_severity
-- escalations.ticket_severity is the ticket's severity: set on insert by
-- every writer (this trigger), and carried to the live rows when the
-- ticket's changes (tickets_escalation_severity).
CREATE OR REPLACE FUNCTION escalations_ticket_severity() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    NEW.ticket_severity := (SELECT t.severity FROM tickets t WHERE t.id = NEW.ticket_id);
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION escalations_ticket_severity() FROM ticketty_agent;

--- tickets_escalation_severity
-- Trigger on tickets: a ticket's new severity is carried to its live
-- escalations (escalations.ticket_severity).
CREATE OR REPLACE FUNCTION tickets_escalation_severity() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    UPDATE escalations e SET ticket_severity = NEW.severity
     WHERE e.ticket_id = NEW.id AND e.state IN ('open', 'acknowledged');
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION tickets_escalation_severity() FROM ticketty_agent;

--- esc_lock_ticket
-- The ticket row, locked; TT404 when missing. Internal.
CREATE OR REPLACE FUNCTION esc_lock_ticket(ticket bigint) RETURNS tickets
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
REVOKE ALL ON FUNCTION esc_lock_ticket(bigint) FROM ticketty_agent, PUBLIC;

--- esc_admins_named
-- Who must act when nobody holds a level: the active admins by name, or
-- "an administrator" when there is none.
CREATE OR REPLACE FUNCTION esc_admins_named() RETURNS text
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce('an administrator (' || string_agg(a.display_name || ' <' || a.login || '>', ', '
                                                        ORDER BY a.login) || ')', 'an administrator')
      FROM agents a WHERE a.role = 'admin' AND a.active
$$;
REVOKE ALL ON FUNCTION esc_admins_named() FROM ticketty_agent, PUBLIC;

--- escalation_open_level
-- Opens level `lvl` of round `rnd` for the locked ticket `t`, bumps the
-- ticket, notifies the holder (unless the holder is the actor: nobody is
-- told of their own step) and audits. A level nobody can hold is TT400
-- (csm or role, none), naming the administrators who must act. Internal
-- (callers have checked the rules).
CREATE OR REPLACE FUNCTION escalation_open_level(t tickets, rnd smallint, lvl smallint, reason text, me int,
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
            USING ERRCODE = 'TT400',
                  DETAIL = E'csm\tnone\tthe customer has no active CSM: an administrator must assign one',
                  HINT = 'ticketty admin customer set CUSTOMER csm=LOGIN';
    ELSIF v_holder IS NULL THEN
        RAISE EXCEPTION 'there is no active agent with role % to escalate ticket % to: % must add one',
                        v_key, t.id, esc_admins_named()
            USING ERRCODE = 'TT400',
                  DETAIL = format(E'role\tnone\tno active agent has the role %s: an administrator must add one', v_key),
                  HINT = 'ticketty admin agent add LOGIN --name NAME --role ROLE';
    END IF;
    INSERT INTO escalations (ticket_id, round, level, holder_id, raised_by, reason)
    VALUES (t.id, rnd, lvl, v_holder, me, btrim(escalation_open_level.reason, E' \t\r\n'))
    RETURNING * INTO e;
    UPDATE tickets SET escalation_level = lvl, version = version + 1, updated_at = tt_now()
     WHERE id = t.id;
    -- the new holder hears of it, unless the holder raised it
    INSERT INTO notifications (recipient_agent_id, kind, ticket_id, escalation_id, payload)
    SELECT v_holder, 'escalation.raised', t.id, e.id,
           jsonb_build_object('level', lvl, 'level_key', v_key, 'reason', e.reason, 'round', rnd,
                              'raised_by', (SELECT a.login FROM agents a WHERE a.id = me))
     WHERE v_holder IS DISTINCT FROM me;
    PERFORM audit(t.id, event_kind,
                  jsonb_build_object('escalation', e.id, 'round', rnd, 'level', lvl, 'level_key', v_key,
                                     'holder', (SELECT a.login FROM agents a WHERE a.id = v_holder),
                                     'reason', e.reason));
    RETURN e;
END
$$;
REVOKE ALL ON FUNCTION escalation_open_level(tickets, smallint, smallint, text, int, text) FROM ticketty_agent, PUBLIC;

--- esc_live
-- The live (open or acknowledged) escalation of a ticket, locked, or NULL.
CREATE OR REPLACE FUNCTION esc_live(ticket bigint) RETURNS escalations
    LANGUAGE sql
    SET search_path = ticketty, pg_temp
AS $$
    SELECT * FROM escalations e
     WHERE e.ticket_id = esc_live.ticket AND e.state IN ('open', 'acknowledged')
     FOR UPDATE
$$;
REVOKE ALL ON FUNCTION esc_live(bigint) FROM ticketty_agent, PUBLIC;

--- esc_refuse_not_holder
-- Refuses the caller's step `what` on escalation `e`, which it may not
-- act on: TT403 naming the holder and who else may (a higher level; an
-- administrator at the CEO's level), or TT400 (level, no_higher) for
-- passing up the CEO's level. Internal.
CREATE OR REPLACE FUNCTION esc_refuse_not_holder(e escalations, what text) RETURNS void
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_holder text := coalesce((SELECT a.display_name FROM agents a WHERE a.id = e.holder_id), 'its holder');
    v_level  text := (SELECT upper(l.key) FROM escalation_levels l WHERE l.level = e.level);
BEGIN
    IF e.level >= 3 AND what = 'pass up' THEN
        RAISE EXCEPTION 'ticket % is already escalated to the CEO: there is no higher level', e.ticket_id
            USING ERRCODE = 'TT400',
                  DETAIL = E'level\tno_higher\tis the CEO''s, the highest: there is no level above it';
    ELSIF e.level >= 3 THEN
        RAISE EXCEPTION 'only % (holder of the % level) or an administrator may % this escalation',
                        v_holder, v_level, what
            USING ERRCODE = 'TT403';
    END IF;
    RAISE EXCEPTION 'only % (holder of the % level) or a higher level may % this escalation',
                    v_holder, v_level, what
        USING ERRCODE = 'TT403';
END
$$;
REVOKE ALL ON FUNCTION esc_refuse_not_holder(escalations, text) FROM ticketty_agent, PUBLIC;

--- escalation_pass_up
-- Passes the live escalation `e` of locked ticket `t` up one level: `e`
-- is passed_up (acknowledged too, if it was not), the next level opened
-- in the same round. Nothing above the CEO is TT400 (level, no_higher).
-- Internal.
CREATE OR REPLACE FUNCTION escalation_pass_up(t tickets, e escalations, reason text, me int) RETURNS escalations
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF e.level >= 3 THEN
        RAISE EXCEPTION 'ticket % is already escalated to the CEO: there is no higher level', t.id
            USING ERRCODE = 'TT400',
                  DETAIL = E'level\tno_higher\tis the CEO''s, the highest: there is no level above it';
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
REVOKE ALL ON FUNCTION escalation_pass_up(tickets, escalations, text, int) FROM ticketty_agent, PUBLIC;

--- api_escalate
-- Escalates the ticket with a reason: with no live escalation, a new
-- round at the CSM (the first one, or the next after a resolved round);
-- with a live one, passes it up (holder or higher only, else TT409).
-- Returns the new escalations row. A blank reason (intake_blank's) is
-- TT400 (reason, required). A resolved ticket is TT400 (status,
-- resolved) with the hint to reopen it; a closed one TT400 (status,
-- closed), no hint. expected_version (NULL: no check) is the ticket's
-- version the caller looked at: a ticket changed since is TT409 naming
-- the changes and the current version (ticket_lock).
CREATE OR REPLACE FUNCTION api_escalate(ticket bigint, reason text, expected_version int DEFAULT NULL)
    RETURNS escalations
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    me   int := current_agent_id();
    t    tickets;
    live escalations;
BEGIN
    IF intake_blank(to_jsonb(reason)) THEN
        PERFORM esc_raise_tt400('reason', 'required', 'an escalation needs a reason');
    ELSIF char_length(reason) > 20000 THEN
        PERFORM esc_raise_tt400('reason', 'too_long', 'the reason is longer than 20000 characters');
    END IF;
    t := ticket_lock(api_escalate.ticket, expected_version);
    IF t.status = 'resolved' THEN
        RAISE EXCEPTION 'ticket % is %: only open tickets are escalated', t.id, t.status
            USING ERRCODE = 'TT400',
                  DETAIL = E'status\tresolved\tis resolved: only open tickets are escalated',
                  HINT = 'Reopen the ticket first.';
    ELSIF NOT t.is_open THEN
        RAISE EXCEPTION 'ticket % is %: only open tickets are escalated', t.id, t.status
            USING ERRCODE = 'TT400', DETAIL = E'status\tclosed\tis closed, and a closed ticket is final';
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

--- api_escalation_ack
-- The holder (or a higher level) takes the live escalation in hand; whoever
-- raised it is told. No live escalation is TT400 (escalation, none), one
-- already acknowledged TT400 (escalation, unchanged).
CREATE OR REPLACE FUNCTION api_escalation_ack(ticket bigint, expected_version int DEFAULT NULL)
    RETURNS escalations
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    me   int := current_agent_id();
    t    tickets := ticket_lock(api_escalation_ack.ticket, expected_version);
    e    escalations := esc_live(t.id);
BEGIN
    IF e.id IS NULL THEN
        RAISE EXCEPTION 'ticket % has no open escalation', t.id
            USING ERRCODE = 'TT400', DETAIL = E'escalation\tnone\tthe ticket has no open escalation';
    END IF;
    IF NOT escalation_may_act(e, me) THEN
        PERFORM esc_refuse_not_holder(e, 'acknowledge');
    END IF;
    IF e.state = 'acknowledged' THEN
        RAISE EXCEPTION 'the escalation of ticket % is already acknowledged', t.id
            USING ERRCODE = 'TT400', DETAIL = E'escalation\tunchanged\tis already acknowledged';
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

--- api_escalation_resolve
-- The holder (or a higher level) closes the live escalation with a note
-- (escalation_resolve_live). A blank note (intake_blank's) is TT400 (note,
-- required); no live escalation is TT400 (escalation, none).
CREATE OR REPLACE FUNCTION api_escalation_resolve(ticket bigint, note text, expected_version int DEFAULT NULL)
    RETURNS escalations
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    me   int := current_agent_id();
    t    tickets;
    e    escalations;
BEGIN
    IF intake_blank(to_jsonb(note)) THEN
        PERFORM esc_raise_tt400('note', 'required', 'resolving an escalation needs a note');
    ELSIF char_length(note) > 20000 THEN
        PERFORM esc_raise_tt400('note', 'too_long', 'the note is longer than 20000 characters');
    END IF;
    t := ticket_lock(api_escalation_resolve.ticket, expected_version);
    e := esc_live(t.id);
    IF e.id IS NULL THEN
        RAISE EXCEPTION 'ticket % has no open escalation', t.id
            USING ERRCODE = 'TT400', DETAIL = E'escalation\tnone\tthe ticket has no open escalation';
    END IF;
    IF NOT escalation_may_act(e, me) THEN
        PERFORM esc_refuse_not_holder(e, 'resolve');
    END IF;
    RETURN escalation_resolve_live(t, e, note, me, NULL);
END
$$;

--- escalation_resolve_live
-- Resolves live escalation `e` of locked ticket `t` with `p_note`, by
-- agent `me`: the ticket's level back to 0 and the ticket bumped, whoever
-- raised it and the assignee told how it ended, audited as
-- escalation.resolved. Internal: callers have checked the rules.
-- A step of its holder (or a higher level: p_cause NULL) counts as its
-- acknowledgement. An escalation that ends by a cause, not by a step
-- taken on it (ticket_closed: its ticket was closed, 931), keeps its
-- acknowledgement as it was, tells its holder too and carries the cause
-- in the notification and the event, from which the client says why in
-- the reader's language; `me` is then the agent whose step ended it, or
-- NULL (nobody: 931's data step, run by the database's owner), and the
-- event is written out instead of through audit(), which needs an agent.
-- The actor is never told (notifications_not_to_the_actor would drop it
-- anyway).
CREATE OR REPLACE FUNCTION escalation_resolve_live(t tickets, e escalations, p_note text, me int, p_cause text)
    RETURNS escalations
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_by text := (SELECT a.login FROM agents a WHERE a.id = me);
    v_version int;
BEGIN
    UPDATE escalations SET state = 'resolved', resolved_by = me, resolved_at = tt_now(),
                           resolution_note = btrim(p_note, E' \t\r\n'),
                           acknowledged_by = CASE WHEN p_cause IS NULL THEN coalesce(acknowledged_by, me)
                                                  ELSE acknowledged_by END,
                           acknowledged_at = CASE WHEN p_cause IS NULL THEN coalesce(acknowledged_at, tt_now())
                                                  ELSE acknowledged_at END
     WHERE id = e.id RETURNING * INTO e;
    UPDATE tickets SET escalation_level = 0, version = version + 1, updated_at = tt_now()
     WHERE id = t.id
    RETURNING version INTO v_version;
    -- whoever raised it, and the assignee, hear how it ended; its holder
    -- too when it ended by a cause rather than by a step on it
    INSERT INTO notifications (recipient_agent_id, kind, ticket_id, escalation_id, payload)
    SELECT DISTINCT r.id, 'escalation.resolved', t.id, e.id,
           jsonb_strip_nulls(jsonb_build_object('level', e.level, 'note', e.resolution_note,
                                                'by', v_by, 'cause', p_cause))
      FROM (VALUES (e.raised_by), (t.assignee_id),
                   (CASE WHEN p_cause IS NOT NULL THEN e.holder_id END)) AS r(id)
     WHERE r.id IS NOT NULL AND r.id IS DISTINCT FROM me;
    INSERT INTO ticket_events (ticket_id, actor_id, kind, version, details)
    VALUES (t.id, me, 'escalation.resolved', v_version,
            jsonb_strip_nulls(jsonb_build_object('escalation', e.id, 'round', e.round, 'level', e.level,
                                                 'note', e.resolution_note, 'cause', p_cause)));
    PERFORM pg_notify('ticketty', json_build_object('ticket', t.id, 'kind', 'escalation.resolved')::text);
    RETURN e;
END
$$;
REVOKE ALL ON FUNCTION escalation_resolve_live(tickets, escalations, text, int, text) FROM ticketty_agent, PUBLIC;

--- escalation_end_with_ticket
-- A closed ticket's escalation ends with it (closed is final: nobody can
-- act on a closed ticket's escalation any more): its live escalation, if
-- any, is resolved in the same transaction with the note "the ticket was
-- closed" (cause ticket_closed), by `me`, the agent who closed it
-- (ticket_apply_status), or by nobody (NULL: 931's data step for the
-- tickets closed before). True when it resolved one. A ticket that is not
-- closed (a resolved one may reopen) keeps its escalation. Internal.
CREATE OR REPLACE FUNCTION escalation_end_with_ticket(ticket bigint, me int) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    t tickets := esc_lock_ticket(escalation_end_with_ticket.ticket);
    e escalations;
BEGIN
    IF t.status <> 'closed' THEN
        RETURN false;
    END IF;
    e := esc_live(t.id);
    IF e.id IS NULL THEN
        RETURN false;
    END IF;
    PERFORM escalation_resolve_live(t, e, 'the ticket was closed', me, 'ticket_closed');
    RETURN true;
END
$$;
REVOKE ALL ON FUNCTION escalation_end_with_ticket(bigint, int) FROM ticketty_agent, PUBLIC;

--- api_escalation_up
-- The holder (or a higher level) passes the live escalation one level up
-- with a reason (escalation_pass_up). A blank reason (intake_blank's) is
-- TT400 (reason, required); no live escalation TT400 (escalation, none,
-- with the hint to escalate); a ticket no longer open as api_escalate.
CREATE OR REPLACE FUNCTION api_escalation_up(ticket bigint, reason text, expected_version int DEFAULT NULL)
    RETURNS escalations
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    me   int := current_agent_id();
    t    tickets;
    e    escalations;
BEGIN
    IF intake_blank(to_jsonb(reason)) THEN
        PERFORM esc_raise_tt400('reason', 'required', 'passing an escalation up needs a reason');
    ELSIF char_length(reason) > 20000 THEN
        PERFORM esc_raise_tt400('reason', 'too_long', 'the reason is longer than 20000 characters');
    END IF;
    t := ticket_lock(api_escalation_up.ticket, expected_version);
    e := esc_live(t.id);
    IF e.id IS NULL THEN
        RAISE EXCEPTION 'ticket % has no open escalation to pass up', t.id
            USING ERRCODE = 'TT400', DETAIL = E'escalation\tnone\tthe ticket has no open escalation',
                  HINT = 'Use escalate to raise the ticket to its next level.';
    END IF;
    IF NOT escalation_may_act(e, me) THEN
        PERFORM esc_refuse_not_holder(e, 'pass up');
    END IF;
    IF t.status = 'resolved' THEN
        RAISE EXCEPTION 'ticket % is %: only open tickets are escalated', t.id, t.status
            USING ERRCODE = 'TT400',
                  DETAIL = E'status\tresolved\tis resolved: only open tickets are escalated',
                  HINT = 'Reopen the ticket first.';
    ELSIF NOT t.is_open THEN
        RAISE EXCEPTION 'ticket % is %: only open tickets are escalated', t.id, t.status
            USING ERRCODE = 'TT400', DETAIL = E'status\tclosed\tis closed, and a closed ticket is final';
    END IF;
    RETURN escalation_pass_up(t, e, reason, me);
END
$$;

--- is_following
-- True when the calling agent follows the ticket (the queue's "following"
-- filter). Never raises; false for non-agents.
CREATE OR REPLACE FUNCTION is_following(ticket bigint) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM ticket_collaborators c
                    WHERE c.ticket_id = is_following.ticket AND c.agent_id = session_agent_id())
$$;

--- is_collaborator
-- True when `agent` collaborates on `ticket` (for other API functions,
-- e.g. allowing a pm or developer collaborator to write internal notes).
CREATE OR REPLACE FUNCTION is_collaborator(ticket bigint, agent int) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM ticket_collaborators c
                    WHERE c.ticket_id = is_collaborator.ticket AND c.agent_id = is_collaborator.agent)
$$;
REVOKE ALL ON FUNCTION is_collaborator(bigint, int) FROM ticketty_agent, PUBLIC;

--- esc_agent_by_login
-- The active agent with this login, or TT400 on field `login`.
CREATE OR REPLACE FUNCTION esc_agent_by_login(login text) RETURNS agents
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
REVOKE ALL ON FUNCTION esc_agent_by_login(text) FROM ticketty_agent, PUBLIC;

--- api_ticket_add_collaborator
-- Adds an agent (any role) as collaborator. Support staff (engineer, csm,
-- coo, ceo, admin) may add anyone; true when added, false when already there.
CREATE OR REPLACE FUNCTION api_ticket_add_collaborator(ticket bigint, login text) RETURNS boolean
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

--- api_ticket_remove_collaborator
-- Removes a collaborator. Support staff may remove anyone; any agent may
-- remove itself (stop following). True when removed, false when absent.
CREATE OR REPLACE FUNCTION api_ticket_remove_collaborator(ticket bigint, login text) RETURNS boolean
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

--- escalation_rollup_rebuild
-- Recounts the rollup from the escalations (owner only).
CREATE OR REPLACE FUNCTION escalation_rollup_rebuild() RETURNS void
    LANGUAGE sql
    SET search_path = ticketty, pg_temp
AS $$
    INSERT INTO escalation_rollup (level, live)
    SELECT l.level, (SELECT count(*) FROM escalations e
                      WHERE e.level = l.level AND e.state IN ('open', 'acknowledged'))
      FROM escalation_levels l
    ON CONFLICT (level) DO UPDATE SET live = EXCLUDED.live;
$$;
REVOKE ALL ON FUNCTION escalation_rollup_rebuild() FROM ticketty_agent, PUBLIC;

--- escalations_rollup
-- Trigger on escalations: keeps escalation_rollup's count of live
-- escalations per level (the level that lost a live row first).
CREATE OR REPLACE FUNCTION escalations_rollup() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    -- the level that lost a live row first, then the one that gained it:
    -- a pass up (lower level, then the next) locks them in level order
    IF TG_OP <> 'INSERT' AND OLD.state IN ('open', 'acknowledged') THEN
        UPDATE escalation_rollup SET live = live - 1 WHERE level = OLD.level;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.state IN ('open', 'acknowledged') THEN
        UPDATE escalation_rollup SET live = live + 1 WHERE level = NEW.level;
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION escalations_rollup() FROM ticketty_agent, PUBLIC;

--- escalations_rollup_truncate
-- Trigger on TRUNCATE of escalations: no live escalation is left.
CREATE OR REPLACE FUNCTION escalations_rollup_truncate() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    UPDATE escalation_rollup SET live = 0 WHERE live <> 0;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION escalations_rollup_truncate() FROM ticketty_agent, PUBLIC;

--- escalation_level_role
-- The role that holds level `lvl`: csm, coo, ceo (the level keys).
CREATE OR REPLACE FUNCTION escalation_level_role(lvl smallint) RETURNS agent_role
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$ SELECT CASE lvl WHEN 1 THEN 'csm'::agent_role WHEN 2 THEN 'coo'::agent_role
                      WHEN 3 THEN 'ceo'::agent_role END $$;
REVOKE ALL ON FUNCTION escalation_level_role(smallint) FROM ticketty_agent, PUBLIC;

--- escalation_hand_to
-- Moves live escalation `e` to agent `p_to`: open again (the new holder
-- acknowledges it) and held by them from now on (held_since), the ticket
-- bumped, the new holder notified, audited with the reason given or the
-- cause (csm_changed, csm_assigned, customer_changed, role_changed,
-- deactivated; the event written out, as the session may be no agent).
-- Internal: callers have checked the rules. Notifications to the actor
-- are dropped by notifications_not_to_the_actor.
CREATE OR REPLACE FUNCTION escalation_hand_to(e escalations, p_to int, p_reason text, p_cause text)
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
    UPDATE escalations SET holder_id = p_to, state = 'open', acknowledged_by = NULL, acknowledged_at = NULL,
                           held_since = tt_now()
     WHERE id = e.id RETURNING * INTO v_out;
    UPDATE tickets SET version = version + 1, updated_at = tt_now() WHERE id = e.ticket_id;
    INSERT INTO notifications (recipient_agent_id, kind, ticket_id, escalation_id, payload)
    VALUES (p_to, 'escalation.handed', e.ticket_id, e.id,
            jsonb_strip_nulls(jsonb_build_object('level', e.level, 'level_key', v_key, 'from', v_from,
                                                 'reason', coalesce(p_reason, e.reason), 'cause', p_cause)));
    -- audit() written out: a hand-over the triggers make may come from a
    -- session that is no agent (an owner's UPDATE of customers), whose
    -- event then has no actor instead of being refused
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
REVOKE ALL ON FUNCTION escalation_hand_to(escalations, int, text, text) FROM ticketty_agent, PUBLIC;

--- api_escalation_hand
-- Hands the ticket's live escalation to the agent with this login, at the
-- same level, with a reason. The holder or a higher level may; the new
-- holder must be active, have the level's role (TT400 login, wrong_role)
-- and not hold it already (TT400 login, unchanged). A blank reason
-- (intake_blank's) is TT400 (reason, required); no live escalation TT400
-- (escalation, none). Returns the escalations row.
CREATE OR REPLACE FUNCTION api_escalation_hand(ticket bigint, login text, reason text,
                                               expected_version int DEFAULT NULL)
    RETURNS escalations
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    me int := current_agent_id();
    t  tickets;
    e  escalations;
    a  agents;
BEGIN
    IF intake_blank(to_jsonb(reason)) THEN
        PERFORM esc_raise_tt400('reason', 'required', 'handing an escalation over needs a reason');
    ELSIF char_length(reason) > 20000 THEN
        PERFORM esc_raise_tt400('reason', 'too_long', 'the reason is longer than 20000 characters');
    END IF;
    t := ticket_lock(api_escalation_hand.ticket, expected_version);
    e := esc_live(t.id);
    IF e.id IS NULL THEN
        RAISE EXCEPTION 'ticket % has no open escalation to hand over', t.id
            USING ERRCODE = 'TT400', DETAIL = E'escalation\tnone\tthe ticket has no open escalation';
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
            USING ERRCODE = 'TT400',
                  DETAIL = format(E'login\tunchanged\t%s already holds this escalation', a.display_name);
    END IF;
    RETURN escalation_hand_to(e, a.id, btrim(reason, E' \t\r\n'), NULL);
END
$$;

--- customers_csm_hand_over
-- Trigger on customers: a customer's new active CSM takes the live CSM
-- levels of its tickets that its previous CSM held (cause csm_changed)
-- and those held by anyone else who did not get them by hand (cause
-- csm_assigned). An inactive or missing new CSM takes nothing.
CREATE OR REPLACE FUNCTION customers_csm_hand_over() RETURNS trigger
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
              WHERE t.customer_id = NEW.id AND x.level = 1 AND x.state IN ('open', 'acknowledged')
                AND x.holder_id IS DISTINCT FROM NEW.csm_id
              ORDER BY x.ticket_id FOR UPDATE OF x LOOP
        IF e.holder_id IS NOT DISTINCT FROM OLD.csm_id THEN
            PERFORM escalation_hand_to(e, NEW.csm_id, NULL, 'csm_changed');
        ELSIF NOT escalation_handed_by_hand(e) THEN
            PERFORM escalation_hand_to(e, NEW.csm_id, NULL, 'csm_assigned');
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION customers_csm_hand_over() FROM ticketty_agent, PUBLIC;

--- agents_escalation_hand_over
-- An agent that leaves a level's role, or is deactivated, hands the live
-- levels it held to their holder now, where there is one other than itself.
CREATE OR REPLACE FUNCTION agents_escalation_hand_over() RETURNS trigger
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
REVOKE ALL ON FUNCTION agents_escalation_hand_over() FROM ticketty_agent, PUBLIC;

--- escalation_handed_by_hand
-- True when live escalation `e` came to its holder by hand: its last
-- hand-over (escalation.handed) gave it to the agent holding it now with
-- a reason, not by a cause (a CSM change, a re-triage, a role change).
CREATE OR REPLACE FUNCTION escalation_handed_by_hand(e escalations) RETURNS boolean
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_last jsonb;
BEGIN
    SELECT v.details INTO v_last FROM ticket_events v
     WHERE v.ticket_id = e.ticket_id AND v.kind = 'escalation.handed'
       AND v.details ->> 'escalation' = e.id::text
     ORDER BY v.id DESC LIMIT 1;
    RETURN v_last IS NOT NULL AND NOT v_last ? 'cause'
       AND v_last ->> 'holder' IS NOT DISTINCT FROM (SELECT a.login::text FROM agents a WHERE a.id = e.holder_id);
END
$$;
REVOKE ALL ON FUNCTION escalation_handed_by_hand(escalations) FROM ticketty_agent, PUBLIC;
