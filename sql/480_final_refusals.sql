-- 480_final_refusals.sql: a refusal that no retry can mend is no conflict,
-- the pass 400 made for the state machine carried to the rest of the
-- ticket and escalation API.
--   * These refusals raised TT409, which clients map to "try again" (75,
--     EX_TEMPFAIL): a script retried them for ever. Only a different
--     action (by the caller or by someone else) changes the state they
--     refuse, never the same command sent again, so they are TT400 (65)
--     with a DETAIL line naming the field, in the form the others use
--     (field<TAB>code<TAB>message); their messages and hints stay:
--       - a closed ticket is final (status, closed): a public reply
--         (api_ticket_reply), a re-triage (api_ticket_retriage), taking
--         or assigning it (ticket_apply_assignee), escalating it or
--         passing its escalation up (api_escalate, api_escalation_up),
--         closing it as a duplicate (api_ticket_link);
--       - a resolved ticket is not escalated (status, resolved): reopening
--         it is what lets it be. "Reopen the ticket first." is now said
--         only then: it was said for a closed ticket too, which can never
--         be reopened;
--       - nothing above the CEO (level, no_higher: escalation_pass_up);
--       - a level nobody can hold (escalation_open_level): the customer
--         has no active CSM (csm, none) or no active agent has the level's
--         role (role, none). The same command succeeds once an
--         administrator assigns or adds one, but nothing the caller can
--         retry brings that about, as reopening a resolved ticket is what
--         lets it be escalated: it is the desk's data that must change,
--         so 65, naming who must change it as before;
--       - an escalation step with nothing to act on: no live escalation
--         to acknowledge, resolve, pass up or hand over (escalation, none:
--         api_escalation_ack, _resolve, _up, _hand; someone resolved it
--         first, or there never was one: escalate is what raises one), one
--         acknowledged already (escalation, unchanged) or handed to its
--         holder (login, unchanged), which would change nothing, as a
--         re-triage that changes nothing (400);
--       - a link that cannot be made (api_ticket_link): the tickets are
--         already linked (other, linked), the survivor is not open (other,
--         not_open), is another customer's (other, other_customer) or is
--         itself a duplicate (other, duplicate), the ticket is already a
--         duplicate (ticket, duplicate).
--     What a retry can mend stays TT409: a stale version (ticket_lock),
--     raising a live escalation someone else holds (api_escalate: it is
--     theirs until they resolve it, and then the same command opens the
--     next round), and the order guard on escalations (a writer's bug).
--   Replaced whole, as sql/README requires: 030's api_ticket_reply and
--   ticket_apply_assignee, 400's api_ticket_retriage, 040's
--   escalation_open_level, escalation_pass_up, api_escalate,
--   api_escalation_up, api_escalation_ack and api_escalation_resolve,
--   250's api_escalation_hand, 270's api_ticket_link. Privileges are kept
--   (CREATE OR REPLACE keeps the grants and revokes of 030, 040, 071, 250).

SELECT set_config('search_path', 'ticketty', true);

-- ------------------------------------------------------ ticket (030) --

-- 030's api_ticket_reply, whole: a closed ticket is TT400 (status, closed).
CREATE OR REPLACE FUNCTION api_ticket_reply(id bigint, expected_version int, body text) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    t         tickets;
    v_comment bigint;
    v_version int;
BEGIN
    PERFORM ticket_require_support('a public reply');
    t := ticket_lock(api_ticket_reply.id, expected_version);
    IF t.status = 'new' THEN
        RETURN ticket_apply_status(t.id, NULL, 'acknowledged', NULL, coalesce(body, ''), NULL, 'ack');
    END IF;
    IF t.status = 'closed' THEN
        RAISE EXCEPTION 'ticket % is closed: it takes no more replies', t.id
            USING ERRCODE = 'TT400', DETAIL = E'status\tclosed\tis closed, and a closed ticket is final';
    END IF;
    PERFORM ticket_check_text('message', body);
    v_comment := ticket_add_comment(t.id, 'public', body);
    UPDATE tickets
       SET last_public_reply_at = tt_now(),
           acknowledged_at      = coalesce(acknowledged_at, tt_now()),
           version              = version + 1,
           updated_at           = tt_now()
     WHERE tickets.id = t.id
    RETURNING version INTO v_version;
    PERFORM audit(t.id, 'reply', jsonb_build_object('comment', v_comment));
    RETURN v_version;
END
$$;

-- 030's ticket_apply_assignee, whole: a closed ticket is TT400 (status,
-- closed), for taking and assigning alike.
CREATE OR REPLACE FUNCTION ticket_apply_assignee(t tickets, p_agent int, p_kind text) RETURNS int
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_version int;
BEGIN
    IF t.status = 'closed' THEN
        RAISE EXCEPTION 'ticket % is closed: it cannot be assigned any more', t.id
            USING ERRCODE = 'TT400', DETAIL = E'status\tclosed\tis closed, and a closed ticket is final';
    END IF;
    IF t.assignee_id IS NOT DISTINCT FROM p_agent THEN
        RETURN t.version;
    END IF;
    UPDATE tickets SET assignee_id = p_agent, version = version + 1, updated_at = tt_now()
     WHERE id = t.id
    RETURNING version INTO v_version;
    PERFORM audit(t.id, p_kind, jsonb_build_object(
        'from', (SELECT a.login FROM agents a WHERE a.id = t.assignee_id),
        'assignee', (SELECT a.login FROM agents a WHERE a.id = p_agent)));
    RETURN v_version;
END
$$;

-- 400's api_ticket_retriage, whole: a closed ticket is TT400 (status, closed).
CREATE OR REPLACE FUNCTION api_ticket_retriage(id bigint, expected_version int, changes jsonb, reason text)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    c_columns CONSTANT text[] := ARRAY['contact', 'request_type', 'reason', 'severity', 'title',
                                       'description', 'impact', 'object_ids', 'member_id',
                                       'bidder_id', 'creative_id', 'repro_steps', 'screenshots',
                                       'browser', 'os', 'phone'];
    v_me      int := ticket_require_support('re-triaging a ticket');
    t         tickets;
    n         tickets;
    r         record;
    v_keys    text[];
    v_watch   text[];
    v_lines   text[] := '{}';
    v_old     jsonb;
    v_new     jsonb;
    v_diff    jsonb := '{}';
    k         text;
    v_version int;
    v_team    text;
    v_event   bigint;
    v_same    text[] := '{}';
BEGIN
    IF reason IS NULL OR btrim(reason, E' \t\r\n') = '' THEN
        RAISE EXCEPTION 'a re-triage needs a reason'
            USING ERRCODE = 'TT400', DETAIL = E'reason\trequired\ta re-triage needs a reason';
    ELSIF char_length(reason) > 20000 THEN
        RAISE EXCEPTION 'the reason is too long'
            USING ERRCODE = 'TT400', DETAIL = E'reason\ttoo_long\tis longer than 20000 characters';
    END IF;
    IF changes IS NULL OR jsonb_typeof(changes) <> 'object' OR changes = '{}'::jsonb THEN
        RAISE EXCEPTION 'name at least one field to change'
            USING ERRCODE = 'TT400', DETAIL = E'changes\trequired\tname at least one field to change';
    END IF;
    t := ticket_lock(api_ticket_retriage.id, expected_version);
    IF t.status = 'closed' THEN
        RAISE EXCEPTION 'ticket % is closed: it cannot be re-triaged', t.id
            USING ERRCODE = 'TT400', DETAIL = E'status\tclosed\tis closed, and a closed ticket is final';
    END IF;

    SELECT array_agg(x ORDER BY x) INTO v_keys FROM jsonb_object_keys(changes) AS x;
    FOREACH k IN ARRAY v_keys LOOP
        IF k IN ('customer', 'idempotency_key') THEN
            v_lines := v_lines || intake_line(k, 'fixed',
                'the customer of a ticket is fixed at intake: file a new ticket for another customer');
        END IF;
    END LOOP;

    -- the intake check on the merged ticket, reporting the changed fields
    -- and those a change makes required
    v_old := ticket_intake_payload(t);
    SELECT * INTO r FROM intake_resolve(v_old || (changes - 'customer' - 'idempotency_key'));
    v_watch := v_keys
            || CASE WHEN 'severity' = ANY (v_keys) THEN ARRAY['phone'] ELSE '{}' END
            || CASE WHEN 'request_type' = ANY (v_keys) THEN ARRAY['screenshots'] ELSE '{}' END;
    SELECT v_lines || coalesce(array_agg(l ORDER BY o), '{}') INTO v_lines
      FROM unnest(r.problems) WITH ORDINALITY AS u(l, o)
     WHERE split_part(l, E'\t', 1) = ANY (v_watch)
       AND split_part(l, E'\t', 1) NOT IN ('customer', 'idempotency_key');
    IF cardinality(v_lines) > 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'TT400',
            MESSAGE = format('ticket %s was not re-triaged: %s field(s) need attention',
                             t.id, cardinality(v_lines)),
            DETAIL = array_to_string(v_lines, E'\n');
    END IF;

    -- the ticket as it will be: only the changed fields move
    n := t;
    FOREACH k IN ARRAY v_keys LOOP
        CASE k
        WHEN 'contact' THEN n.contact_id := (r.t).contact_id;
        WHEN 'request_type' THEN n.request_type_id := (r.t).request_type_id; n.team_id := (r.t).team_id;
        WHEN 'reason' THEN n.reason_id := (r.t).reason_id;
        WHEN 'severity' THEN n.severity := (r.t).severity;
        WHEN 'title' THEN n.title := (r.t).title;
        WHEN 'description' THEN n.description := (r.t).description;
        WHEN 'impact' THEN n.impact := (r.t).impact;
        WHEN 'object_ids' THEN n.object_ids := (r.t).object_ids;
        WHEN 'member_id' THEN n.member_id := (r.t).member_id;
        WHEN 'bidder_id' THEN n.bidder_id := (r.t).bidder_id;
        WHEN 'creative_id' THEN n.creative_id := (r.t).creative_id;
        WHEN 'repro_steps' THEN n.repro_steps := (r.t).repro_steps;
        WHEN 'screenshots' THEN n.screenshots := coalesce((r.t).screenshots, '{}');
        WHEN 'browser' THEN n.browser := (r.t).browser;
        WHEN 'os' THEN n.os := (r.t).os;
        WHEN 'phone' THEN n.phone := (r.t).phone;
        ELSE n.extra := (n.extra - k) || coalesce(jsonb_build_object(k, (r.t).extra -> k), '{}');
        END CASE;
    END LOOP;
    v_new := ticket_intake_payload(n);
    FOREACH k IN ARRAY v_keys LOOP
        IF (v_old -> k) IS DISTINCT FROM (v_new -> k) THEN
            v_diff := v_diff || jsonb_build_object(k, jsonb_build_object(
                'from', retriage_shown(k, v_old -> k), 'to', retriage_shown(k, v_new -> k)));
        END IF;
    END LOOP;
    -- nothing changes: refused naming each field (its value already is
    -- the one given), so that no re-triage is reported without its reason
    -- on record
    IF v_diff = '{}'::jsonb THEN
        FOREACH k IN ARRAY v_keys LOOP
            v_same := v_same || (k || E'\tunchanged\t' || CASE
                WHEN retriage_shown(k, v_old -> k) #>> '{}' IS NULL THEN format('is already empty: nothing to change')
                ELSE format('is already %s: nothing to change', retriage_shown(k, v_old -> k) #>> '{}') END);
        END LOOP;
        RAISE EXCEPTION 'ticket % was not re-triaged: nothing changes', t.id
            USING ERRCODE = 'TT400', DETAIL = array_to_string(v_same, E'\n');
    END IF;
    IF n.team_id IS DISTINCT FROM t.team_id THEN
        v_team := (SELECT tm.key FROM teams tm WHERE tm.id = n.team_id);
        v_diff := v_diff || jsonb_build_object('team', jsonb_build_object(
            'from', (SELECT tm.key FROM teams tm WHERE tm.id = t.team_id), 'to', v_team));
    END IF;

    UPDATE tickets x
       SET contact_id = n.contact_id, request_type_id = n.request_type_id, team_id = n.team_id,
           reason_id = n.reason_id, severity = n.severity, title = n.title,
           description = n.description, impact = n.impact, object_ids = n.object_ids,
           member_id = n.member_id, bidder_id = n.bidder_id, creative_id = n.creative_id,
           repro_steps = n.repro_steps, screenshots = n.screenshots, browser = n.browser,
           os = n.os, phone = n.phone, extra = n.extra,
           version = x.version + 1, updated_at = tt_now()
     WHERE x.id = t.id
    RETURNING x.version INTO v_version;

    v_event := audit(t.id, 'retriage', jsonb_build_object('reason', btrim(reason, E' \t\r\n'),
                                                            'changes', v_diff));

    INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload)
    SELECT t.assignee_id, 'ticket.retriaged', t.id,
           jsonb_build_object('changes', v_diff, 'reason', btrim(reason, E' \t\r\n'),
                              'by', (SELECT a.login FROM agents a WHERE a.id = v_me))
     WHERE t.assignee_id IS NOT NULL AND t.assignee_id <> v_me;
    IF v_team IS NOT NULL THEN
        INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload)
        SELECT a.id, 'ticket.rerouted', t.id,
               jsonb_build_object('team', v_team, 'from', v_diff #> '{team,from}',
                                  'reason', btrim(reason, E' \t\r\n'),
                                  'by', (SELECT b.login FROM agents b WHERE b.id = v_me))
          FROM agents a
         WHERE a.team_id = n.team_id AND a.active AND a.id <> v_me
           AND a.id IS DISTINCT FROM t.assignee_id;
    END IF;
    IF n.severity = 1 AND t.severity <> 1 THEN
        PERFORM ticket_notify_emergency(t.id);
    END IF;
    RETURN jsonb_build_object('ticket', t.id, 'version', v_version, 'event', v_event,
                              'retriage', jsonb_build_object('reason', btrim(reason, E' \t\r\n'),
                                                             'changes', v_diff));
END
$$;

-- ------------------------------------------------- escalations (040) --

-- 040's escalation_open_level, whole: a level nobody can hold is TT400
-- (csm or role, none), still naming the administrators who must act.
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

-- 040's escalation_pass_up, whole: nothing above the CEO is TT400 (level,
-- no_higher).
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

-- 040's api_escalate, whole: a resolved ticket is TT400 (status, resolved)
-- with the hint to reopen it; a closed one TT400 (status, closed), no hint.
CREATE OR REPLACE FUNCTION api_escalate(ticket bigint, reason text) RETURNS escalations
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

-- 040's api_escalation_up, whole: as api_escalate for a ticket no longer open.
CREATE OR REPLACE FUNCTION api_escalation_up(ticket bigint, reason text) RETURNS escalations
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

-- 040's api_escalation_ack, whole: no live escalation is TT400 (escalation,
-- none), one already acknowledged TT400 (escalation, unchanged).
CREATE OR REPLACE FUNCTION api_escalation_ack(ticket bigint) RETURNS escalations
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    me   int := current_agent_id();
    t    tickets := esc_lock_ticket(api_escalation_ack.ticket);
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

-- 040's api_escalation_resolve, whole: no live escalation is TT400
-- (escalation, none).
CREATE OR REPLACE FUNCTION api_escalation_resolve(ticket bigint, note text) RETURNS escalations
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

-- 250's api_escalation_hand, whole: no live escalation is TT400 (escalation,
-- none), handing it to its holder TT400 (login, unchanged).
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
    IF reason IS NULL OR btrim(reason, E' \t\r\n') = '' THEN
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

-- ------------------------------------------------------- links (270) --

-- 270's api_ticket_link, whole: every refusal of a link is TT400, naming
-- the field (other, ticket or status); the hints stay.
CREATE OR REPLACE FUNCTION api_ticket_link(id bigint, other bigint, kind text, expected_version int DEFAULT NULL)
    RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    me      int := current_agent_id();
    v_kind  link_kind;
    t       tickets;
    o       tickets;
    v_have  ticket_links;
    v_dup   bigint;
    v_msg   text;
BEGIN
    IF kind IS NULL OR kind NOT IN ('related', 'duplicate_of') THEN
        RAISE EXCEPTION 'unknown link kind "%"', kind
            USING ERRCODE = 'TT400', DETAIL = E'kind\tunknown\tmust be related or duplicate_of';
    END IF;
    v_kind := kind::link_kind;
    IF other IS NULL THEN
        RAISE EXCEPTION 'the other ticket is required'
            USING ERRCODE = 'TT400', DETAIL = E'other\trequired\tis required';
    ELSIF other = id THEN
        RAISE EXCEPTION 'a ticket cannot be linked to itself'
            USING ERRCODE = 'TT400', DETAIL = E'other\tself\tis the ticket itself';
    END IF;
    IF v_kind = 'duplicate_of' THEN
        PERFORM require_role('engineer', 'csm', 'coo', 'ceo', 'admin');
    END IF;
    -- lock both rows, lower id first (no deadlock with a link the other way)
    IF id < other THEN
        t := ticket_lock(api_ticket_link.id, expected_version);
        o := ticket_lock(other, NULL);
    ELSE
        o := ticket_lock(other, NULL);
        t := ticket_lock(api_ticket_link.id, expected_version);
    END IF;

    SELECT * INTO v_have FROM ticket_links l
     WHERE (l.ticket_id = t.id AND l.other_id = o.id) OR (l.ticket_id = o.id AND l.other_id = t.id);
    IF FOUND THEN
        IF v_have.kind = v_kind AND (v_kind = 'related' OR v_have.ticket_id = t.id) THEN
            RETURN t.version;
        END IF;
        RAISE EXCEPTION 'tickets % and % are already linked (%)', t.id, o.id, v_have.kind
            USING ERRCODE = 'TT400',
                  DETAIL = format(E'other\tlinked\tis already linked to this ticket (%s)', v_have.kind),
                  HINT = 'Unlink them first.';
    END IF;

    IF v_kind = 'related' THEN
        INSERT INTO ticket_links (ticket_id, other_id, kind, created_by) VALUES (t.id, o.id, v_kind, me);
        PERFORM audit(t.id, 'link', jsonb_build_object('kind', 'related', 'other', o.id));
        PERFORM audit(o.id, 'link', jsonb_build_object('kind', 'related', 'other', t.id));
        RETURN t.version;
    END IF;

    -- duplicate_of
    IF t.status = 'closed' THEN
        RAISE EXCEPTION 'ticket % is closed: it can only be linked as related', t.id
            USING ERRCODE = 'TT400', DETAIL = E'status\tclosed\tis closed, and a closed ticket is final';
    END IF;
    IF NOT o.is_open THEN
        RAISE EXCEPTION 'ticket % is %: a duplicate must point to an open ticket', o.id, o.status
            USING ERRCODE = 'TT400',
                  DETAIL = format(E'other\tnot_open\tis %s: a duplicate must point to an open ticket', o.status);
    END IF;
    -- the notice tells the customer that ticket `other` carries on: it must
    -- be theirs (mail about it goes to its own contact)
    IF o.customer_id <> t.customer_id THEN
        RAISE EXCEPTION 'ticket % is another customer''s: a duplicate must point to a ticket of the same customer', o.id
            USING ERRCODE = 'TT400',
                  DETAIL = E'other\tother_customer\ta duplicate must point to a ticket of the same customer',
                  HINT = 'Link them as related instead.';
    END IF;
    SELECT l.other_id INTO v_dup FROM ticket_links l WHERE l.ticket_id = o.id AND l.kind = 'duplicate_of';
    IF v_dup IS NOT NULL THEN
        RAISE EXCEPTION 'ticket % is itself a duplicate of ticket %', o.id, v_dup
            USING ERRCODE = 'TT400',
                  DETAIL = format(E'other\tduplicate\tis itself a duplicate of ticket %s', v_dup),
                  HINT = format('Link to ticket %s instead.', v_dup);
    END IF;
    SELECT l.other_id INTO v_dup FROM ticket_links l WHERE l.ticket_id = t.id AND l.kind = 'duplicate_of';
    IF v_dup IS NOT NULL THEN
        RAISE EXCEPTION 'ticket % is already a duplicate of ticket %', t.id, v_dup
            USING ERRCODE = 'TT400',
                  DETAIL = format(E'ticket\tduplicate\tis already a duplicate of ticket %s', v_dup),
                  HINT = 'Unlink them first.';
    END IF;

    INSERT INTO ticket_links (ticket_id, other_id, kind, created_by) VALUES (t.id, o.id, v_kind, me);
    -- the tickets that duplicated this one now carry on in `other` too
    UPDATE ticket_links l SET other_id = o.id
     WHERE l.other_id = t.id AND l.kind = 'duplicate_of'
       AND NOT EXISTS (SELECT 1 FROM ticket_links x
                        WHERE least(x.ticket_id, x.other_id) = least(l.ticket_id, o.id)
                          AND greatest(x.ticket_id, x.other_id) = greatest(l.ticket_id, o.id));
    -- its people follow the surviving ticket
    INSERT INTO ticket_collaborators (ticket_id, agent_id, added_by)
    SELECT o.id, f.agent_id, me
      FROM (SELECT c.agent_id FROM ticket_collaborators c WHERE c.ticket_id = t.id
            UNION SELECT t.assignee_id WHERE t.assignee_id IS NOT NULL) f
     WHERE f.agent_id IS DISTINCT FROM o.assignee_id
    ON CONFLICT DO NOTHING;

    -- in the contact's language, as the mail that carries it
    v_msg := CASE (SELECT k.lang FROM contacts k WHERE k.id = t.contact_id)
             WHEN 'es' THEN format('Esta solicitud duplica el ticket #%s («%s»). Seguimos allí: cada '
                                   'novedad sobre ella le llegará desde el ticket #%s.', o.id, o.title, o.id)
             ELSE format('This request duplicates ticket #%s ("%s"). We carry on there: every further '
                         'update about it will come from ticket #%s.', o.id, o.title, o.id) END;
    IF t.is_open THEN
        PERFORM ticket_apply_status(t.id, NULL, 'resolved', NULL, v_msg, NULL, 'resolve');
        PERFORM ticket_apply_status(t.id, NULL, 'closed', NULL, NULL, NULL, 'close');
    ELSE
        PERFORM ticket_apply_status(t.id, NULL, 'closed', NULL, v_msg, NULL, 'close');
    END IF;
    INSERT INTO notifications (recipient_contact_id, kind, ticket_id, payload)
    VALUES (t.contact_id, 'ticket.duplicate', t.id,
            jsonb_build_object('title', t.title, 'surviving', o.id, 'surviving_title', o.title));
    PERFORM audit(t.id, 'link', jsonb_build_object('kind', 'duplicate_of', 'other', o.id));
    PERFORM audit(o.id, 'link', jsonb_build_object('kind', 'duplicated_by', 'other', t.id));
    RETURN (SELECT x.version FROM tickets x WHERE x.id = t.id);
END
$$;
