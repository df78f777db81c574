-- 400_cli_results.sql: a change reports what it did, and a refusal that
-- no retry can mend is no conflict.
--   * `ticket set --json` read its result back with a second query, "the
--     latest re-triage at the ticket's current version": another agent's
--     re-triage (when the call changed nothing, or between the two
--     queries) or null (after any other change) was reported as the
--     caller's. api_ticket_retriage(id, expected_version, changes, reason)
--     is api_ticket_set (100) returning, in the same call, what it did:
--     {"ticket", "version", "event" (the ticket_events id), "retriage":
--     {"reason", "changes"}}, the changes as the audit event holds them.
--   * A re-triage that changes nothing (every value given is the
--     ticket's already) used to write nothing and return the current
--     version, so the caller was told "updated" and its reason was kept
--     nowhere. It is refused (TT400, code unchanged, one line per field
--     naming the value it already has): a re-triage on record always has
--     its reason. api_ticket_set (100) is replaced whole: it returns the
--     version of api_ticket_retriage, for the clients that read an int.
--   * A status change the state machine refuses (-> not allowed, already
--     in that status, reopening what is not resolved, new -> acknowledged
--     without a public reply) raised TT409, which clients map to "try
--     again" (75); no retry can make it succeed. It is TT400 (65) with a
--     DETAIL line on `status` (codes not_allowed, unchanged) or `message`
--     (required); the messages and the hint stay as they were. A stale
--     version stays TT409 (ticket_lock). ticket_apply_status (030) is
--     replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- The re-triage of 100_retriage.sql (same checks, same audit event and
-- notifications), returning what it did: {"ticket": id, "version": the
-- new version, "event": the retriage event's id, "retriage": {"reason",
-- "changes"}}. Changing nothing is refused (TT400, code unchanged).
CREATE FUNCTION api_ticket_retriage(id bigint, expected_version int, changes jsonb, reason text)
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
        RAISE EXCEPTION 'ticket % is closed: it cannot be re-triaged', t.id USING ERRCODE = 'TT409';
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

-- Re-triage as before (100): the version after the change. Nothing to
-- change is refused, as in api_ticket_retriage.
CREATE OR REPLACE FUNCTION api_ticket_set(id bigint, expected_version int, changes jsonb, reason text)
    RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    RETURN (api_ticket_retriage(api_ticket_set.id, expected_version, changes, reason) ->> 'version')::int;
END
$$;

GRANT EXECUTE ON FUNCTION api_ticket_retriage(bigint, int, jsonb, text) TO ticketty_agent;

-- The one place that moves a ticket along the state machine (030): the
-- state machine's refusals are TT400 now (a stale version stays TT409).
CREATE OR REPLACE FUNCTION ticket_apply_status(p_ticket bigint, p_expected int, p_to ticket_status,
                                    p_bug_ref text, p_public text, p_internal text, p_via text)
    RETURNS int
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_me      int := ticket_require_support(
                         CASE p_via WHEN 'ack' THEN 'a public reply' WHEN 'resolve' THEN 'resolving'
                                    WHEN 'close' THEN 'closing' WHEN 'reopen' THEN 'reopening'
                                    ELSE 'changing the status' END);  -- TT403 before anything else
    t         tickets;
    v_action  text;
    v_allowed text;
    v_bug     text;
    v_public  bigint;
    v_note    bigint;
    v_version int;
    v_details jsonb;
BEGIN
    t := ticket_lock(p_ticket, p_expected);
    IF t.status = p_to THEN
        RAISE EXCEPTION 'ticket % is already %', p_ticket, p_to
            USING ERRCODE = 'TT400', DETAIL = E'status\tunchanged\tis already the ticket''s status';
    END IF;
    IF p_via = 'reopen' AND t.status <> 'resolved' THEN
        RAISE EXCEPTION 'ticket %: only a resolved ticket can be reopened (it is %)', p_ticket, t.status
            USING ERRCODE = 'TT400',
                  DETAIL = E'status\tnot_allowed\tcannot be reached from the ticket''s status';
    END IF;
    SELECT tr.action INTO v_action
      FROM ticket_transitions tr WHERE tr.from_status = t.status AND tr.to_status = p_to;
    IF v_action IS NULL THEN
        SELECT string_agg(tr.to_status::text, ', ' ORDER BY tr.to_status) INTO v_allowed
          FROM ticket_transitions tr WHERE tr.from_status = t.status;
        RAISE EXCEPTION 'ticket %: % -> % is not allowed', p_ticket, t.status, p_to
            USING ERRCODE = 'TT400',
                  DETAIL = E'status\tnot_allowed\tcannot be reached from the ticket''s status',
                  HINT = CASE WHEN v_allowed IS NULL THEN format('A %s ticket cannot change any more.', t.status)
                              ELSE format('From %s a ticket may go to: %s.', t.status, v_allowed) END;
    END IF;
    IF v_action = 'ack' AND p_public IS NULL THEN
        RAISE EXCEPTION 'ticket %: new -> acknowledged needs a first public reply (acknowledge the ticket instead)', p_ticket
            USING ERRCODE = 'TT400',
                  DETAIL = E'message\trequired\tnew -> acknowledged needs a first public reply';
    END IF;
    IF v_action = 'resolve' AND (p_public IS NULL OR btrim(p_public, E' \t\r\n') = '') THEN
        RAISE EXCEPTION 'resolving needs a public resolution message to the customer'
            USING ERRCODE = 'TT400',
                  DETAIL = E'message\trequired\tresolving needs a public resolution message';
    END IF;

    v_bug := t.bug_ref;
    IF p_to = 'waiting_engineering' THEN
        IF p_bug_ref IS NOT NULL THEN
            v_bug := btrim(p_bug_ref);
        END IF;
        IF v_bug IS NULL OR v_bug = '' THEN
            RAISE EXCEPTION 'waiting on engineering needs the engineering bug reference'
                USING ERRCODE = 'TT400',
                      DETAIL = E'bug_ref\trequired\tis required when waiting on engineering';
        ELSIF length(v_bug) > 200 THEN
            RAISE EXCEPTION 'the bug reference is too long'
                USING ERRCODE = 'TT400', DETAIL = E'bug_ref\ttoo_long\tis longer than 200 characters';
        END IF;
    ELSIF p_bug_ref IS NOT NULL THEN
        RAISE EXCEPTION 'a bug reference is only taken with waiting_engineering'
            USING ERRCODE = 'TT400',
                  DETAIL = E'bug_ref\tunexpected\tis only taken when the ticket waits on engineering';
    END IF;
    IF p_public IS NOT NULL THEN
        PERFORM ticket_check_text('message', p_public);
    END IF;
    IF p_internal IS NOT NULL THEN
        PERFORM ticket_check_text('message', p_internal);
    END IF;

    IF p_public IS NOT NULL THEN
        v_public := ticket_add_comment(p_ticket, 'public', p_public);
    END IF;
    IF p_internal IS NOT NULL THEN
        v_note := ticket_add_comment(p_ticket, 'internal', p_internal);
    END IF;

    UPDATE tickets
       SET status               = p_to,
           bug_ref              = v_bug,
           acknowledged_at      = CASE WHEN v_public IS NOT NULL THEN coalesce(acknowledged_at, tt_now())
                                       ELSE acknowledged_at END,
           last_public_reply_at = CASE WHEN v_public IS NOT NULL THEN tt_now() ELSE last_public_reply_at END,
           resolved_at          = CASE WHEN p_to = 'resolved' THEN tt_now()
                                       WHEN v_action = 'reopen' THEN NULL
                                       ELSE resolved_at END,
           resolution_outcome   = CASE WHEN v_action = 'reopen' THEN NULL ELSE resolution_outcome END,
           closed_at            = CASE WHEN p_to = 'closed' THEN tt_now() ELSE closed_at END,
           version              = version + 1,
           updated_at           = tt_now()
     WHERE id = p_ticket
    RETURNING version INTO v_version;

    v_details := jsonb_build_object('from', t.status, 'to', p_to);
    IF p_to = 'waiting_engineering' THEN
        v_details := v_details || jsonb_build_object('bug_ref', v_bug);
    END IF;
    IF v_public IS NOT NULL THEN
        v_details := v_details || jsonb_build_object('comment', v_public);
    END IF;
    IF v_note IS NOT NULL THEN
        v_details := v_details || jsonb_build_object('note', v_note);
    END IF;
    PERFORM audit(p_ticket, v_action, v_details);
    RETURN v_version;
END
$$;
