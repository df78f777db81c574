-- 100_retriage.sql: re-triage after intake (DESIGN.md §5).
--
-- api_ticket_set(id, expected_version, changes, reason) changes any intake
-- field of a ticket but its customer: severity, request type (and so its
-- team), case reason, contact and every other field of intake_fields.
--   * Same validation as intake: the ticket's current values merged with
--     `changes` go through intake_resolve() (020_intake.sql); a refusal
--     names each offending changed field, and the fields a change makes
--     required (phone for severity 1, screenshots for a UI request type).
--     Account-representative request types are refused naming the rep.
--   * A reason is mandatory; support staff only (pm and developer write
--     internal notes only); closed tickets are final (TT409).
--   * One `retriage` audit event holds the reason and every changed field
--     as {"field": {"from": ..., "to": ...}} (team too when it moves).
--   * Running deadlines follow from the SLA trigger (010_sla.sql): a new
--     severity re-reads the targets from created_at for every deadline
--     whose outcome is not stored yet; stored outcomes stay.
--   * The assignee (ticket.retriaged) and, when the team changes, every
--     active agent of the new team (ticket.rerouted) are notified; a ticket
--     that becomes severity 1 notifies like an emergency at intake.
--   * Changing nothing (every value already as given) writes nothing and
--     returns the current version.

SELECT set_config('search_path', 'ticketty', true);

-- The ticket as an intake payload (what api_ticket_create would accept):
-- references by id or key, lists as JSON arrays, extra fields merged in.
-- The re-triage form (model/intake.c) is filled from it too.
CREATE FUNCTION ticket_intake_payload(t tickets) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT t.extra || jsonb_build_object(
        'customer', t.customer_id, 'contact', t.contact_id,
        'request_type', (SELECT r.key FROM request_types r WHERE r.id = t.request_type_id),
        'reason', (SELECT r.key FROM case_reasons r WHERE r.id = t.reason_id),
        'severity', t.severity, 'title', t.title, 'description', t.description,
        'impact', t.impact, 'object_ids', to_jsonb(t.object_ids), 'member_id', t.member_id,
        'bidder_id', t.bidder_id, 'creative_id', t.creative_id, 'repro_steps', t.repro_steps,
        'screenshots', to_jsonb(t.screenshots), 'browser', t.browser, 'os', t.os,
        'phone', t.phone)
$$;

-- A field's value as the audit event shows it (the contact by name and
-- address rather than its id).
CREATE FUNCTION retriage_shown(field text, v jsonb) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT CASE WHEN field = 'contact' AND jsonb_typeof(v) = 'number'
                THEN (SELECT to_jsonb(k.name || ' <' || k.email || '>') FROM contacts k
                       WHERE k.id = (v #>> '{}')::int)
                ELSE v END
$$;

CREATE FUNCTION api_ticket_set(id bigint, expected_version int, changes jsonb, reason text)
    RETURNS int
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
    t := ticket_lock(api_ticket_set.id, expected_version);
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
    IF v_diff = '{}'::jsonb THEN
        RETURN t.version;
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

    PERFORM audit(t.id, 'retriage', jsonb_build_object('reason', btrim(reason, E' \t\r\n'),
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
    RETURN v_version;
END
$$;

REVOKE ALL ON FUNCTION ticket_intake_payload(tickets) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ticket_intake_payload(tickets) TO ticketty_agent;
REVOKE ALL ON FUNCTION retriage_shown(text, jsonb) FROM ticketty_agent, PUBLIC;
GRANT EXECUTE ON FUNCTION api_ticket_set(bigint, int, jsonb, text) TO ticketty_agent;
