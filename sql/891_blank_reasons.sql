-- 891_blank_reasons.sql: a reason, a note or a message made only of
-- Unicode spaces is blank.
--
-- An escalation step needs a reason (DESIGN section 7: raising, passing
-- up, handing over) and resolving it a note; a reply, a note, an
-- acknowledgement and a resolution need a message. The server trimmed
-- only space, tab, CR and LF before deciding, so from psql a reason of a
-- no-break space (U+00A0), a zero-width space (U+200B) or an ideographic
-- space (U+3000) was taken: an escalation climbed with a reason that
-- reads blank. intake_blank (510) is the one rule of what is blank, which
-- the client's text_blank_n agrees with; these checks now use it. The
-- refusals are those of an empty text (field required, the same words).
-- It replaces 480's api_escalate, api_escalation_up,
-- api_escalation_resolve and api_escalation_hand and 030's
-- ticket_check_text; only their blank checks change.

SELECT set_config('search_path', 'ticketty', true);

-- 480's api_escalate, whole: a blank reason is intake_blank's.
CREATE OR REPLACE FUNCTION api_escalate(ticket bigint, reason text) RETURNS escalations
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
    t := esc_lock_ticket(api_escalate.ticket);
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

-- 480's api_escalation_up, whole: a blank reason is intake_blank's.
CREATE OR REPLACE FUNCTION api_escalation_up(ticket bigint, reason text) RETURNS escalations
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
    t := esc_lock_ticket(api_escalation_up.ticket);
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


-- 480's api_escalation_resolve, whole: a blank note is intake_blank's.
CREATE OR REPLACE FUNCTION api_escalation_resolve(ticket bigint, note text) RETURNS escalations
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
    t := esc_lock_ticket(api_escalation_resolve.ticket);
    e := esc_live(t.id);
    IF e.id IS NULL THEN
        RAISE EXCEPTION 'ticket % has no open escalation', t.id
            USING ERRCODE = 'TT400', DETAIL = E'escalation\tnone\tthe ticket has no open escalation';
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


-- 480's api_escalation_hand, whole: a blank reason is intake_blank's.
CREATE OR REPLACE FUNCTION api_escalation_hand(ticket bigint, login text, reason text) RETURNS escalations
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
    t := esc_lock_ticket(api_escalation_hand.ticket);
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

-- Refuses a missing, blank (intake_blank: Unicode spaces too) or oversized
-- text (TT400 on `field`).
CREATE OR REPLACE FUNCTION ticket_check_text(p_field text, p_text text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF intake_blank(to_jsonb(p_text)) THEN
        RAISE EXCEPTION '% is required', p_field
            USING ERRCODE = 'TT400', DETAIL = p_field || E'\trequired\tis required';
    ELSIF length(p_text) > 100000 THEN
        RAISE EXCEPTION '% is too long', p_field
            USING ERRCODE = 'TT400',
                  DETAIL = p_field || E'\ttoo_long\tis longer than 100000 characters';
    END IF;
END
$$;
