-- sql/functions/retriage.sql: re-triage of a ticket after intake (severity,
-- request type, fields), with its reason.
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- ticket_intake_payload
-- The ticket as an intake payload (what api_ticket_create would accept):
-- references by id or key, lists as JSON arrays, extra fields merged in.
-- The re-triage form (model/intake.c) is filled from it too.
CREATE OR REPLACE FUNCTION ticket_intake_payload(t tickets) RETURNS jsonb
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
REVOKE ALL ON FUNCTION ticket_intake_payload(tickets) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ticket_intake_payload(tickets) TO ticketty_agent;

--- retriage_shown
-- A field's value as the audit event shows it: the contact by name and
-- address, the customer by name, rather than their ids.
CREATE OR REPLACE FUNCTION retriage_shown(field text, v jsonb) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT CASE WHEN field = 'contact' AND jsonb_typeof(v) = 'number'
                THEN (SELECT to_jsonb(k.name || ' <' || k.email || '>') FROM contacts k
                       WHERE k.id = (v #>> '{}')::int)
                WHEN field = 'customer' AND jsonb_typeof(v) = 'number'
                THEN (SELECT to_jsonb(c.name) FROM customers c WHERE c.id = (v #>> '{}')::int)
                ELSE v END
$$;
REVOKE ALL ON FUNCTION retriage_shown(text, jsonb) FROM ticketty_agent, PUBLIC;

--- api_ticket_set
-- The re-triage of api_ticket_retriage, returning only the version after
-- the change (the older call, 100). Nothing to change is refused there.
CREATE OR REPLACE FUNCTION api_ticket_set(id bigint, expected_version int, changes jsonb, reason text)
    RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    RETURN (api_ticket_retriage(api_ticket_set.id, expected_version, changes, reason) ->> 'version')::int;
END
$$;
GRANT EXECUTE ON FUNCTION api_ticket_set(bigint, int, jsonb, text) TO ticketty_agent;

--- api_ticket_retriage
-- Re-triages ticket `id` with a reason (support staff only): `changes`
-- are intake fields, the customer among them (the idempotency key is
-- fixed), checked as intake checks them on the merged ticket, reporting
-- the changed fields and those a change makes required (the contact for
-- another customer, the phone for a severity, the screenshots for a
-- request type); a contact kept from the old customer is refused naming
-- whom to choose. The assignee is told, and the new team's members when
-- the request type moves it; another customer brings its calendar and
-- plan, and its CSM takes the live CSM level (710); a new emergency, or
-- one now another customer's, is told as at intake (661). Returns what it
-- did: {"ticket": id, "version": the new version, "event": the retriage
-- event's id, "retriage": {"reason", "changes"}}. A blank reason,
-- changing nothing (code unchanged, each field named) and a closed ticket
-- (status, closed) are TT400.
CREATE OR REPLACE FUNCTION api_ticket_retriage(id bigint, expected_version int, changes jsonb, reason text)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    c_columns CONSTANT text[] := ARRAY['customer', 'contact', 'request_type', 'reason', 'severity', 'title',
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
    v_esc     escalations;
    v_csm     int;
    v_team    text;
    v_event   bigint;
    v_same    text[] := '{}';
    v_spocs   text;
    v_choose  text;
BEGIN
    IF intake_blank(to_jsonb(reason)) THEN
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
        IF k = 'idempotency_key' THEN
            v_lines := v_lines || intake_line(k, 'fixed',
                'the idempotency key of a ticket is fixed at intake');
        END IF;
    END LOOP;

    -- the intake check on the merged ticket, reporting the changed fields
    -- and those a change makes required
    v_old := ticket_intake_payload(t);
    SELECT * INTO r FROM intake_resolve(v_old || (changes - 'idempotency_key'));
    -- another customer (661): its contact must be that customer's
    -- authorised single point of contact, as at intake, so the contact
    -- kept from the old customer is refused, naming whom to choose
    v_watch := v_keys
            || CASE WHEN 'customer' = ANY (v_keys) THEN ARRAY['contact'] ELSE '{}' END
            || CASE WHEN 'severity' = ANY (v_keys) THEN ARRAY['phone'] ELSE '{}' END
            || CASE WHEN 'request_type' = ANY (v_keys) THEN ARRAY['screenshots'] ELSE '{}' END;
    -- (a line names its field as intake_line writes it, a tab or a line
    -- break escaped: a key with a tab in it, no intake field, was not
    -- matched, so taken, and kept in tickets.extra as null)
    SELECT v_lines || coalesce(array_agg(l ORDER BY o), '{}') INTO v_lines
      FROM unnest(r.problems) WITH ORDINALITY AS u(l, o)
     WHERE split_part(l, E'\t', 1) IN (SELECT split_part(intake_line(w, '', ''), E'\t', 1)
                                         FROM unnest(v_watch) AS w)
       AND split_part(l, E'\t', 1) <> 'idempotency_key';
    -- the contact left from the old customer: refused naming whom to
    -- choose (one whole format, so that the client translates it)
    IF 'customer' = ANY (v_keys) AND NOT 'contact' = ANY (v_keys) AND (r.t).customer_id IS NOT NULL
       AND (r.t).customer_id IS DISTINCT FROM t.customer_id THEN
        SELECT string_agg(k.name || ' <' || k.email || '>', ', ' ORDER BY k.name, k.id) INTO v_spocs
          FROM contacts k WHERE k.customer_id = (r.t).customer_id AND k.spoc AND k.active;
        SELECT CASE WHEN v_spocs IS NULL THEN
                    format('%s <%s> is a contact of %s, not of %s, which has no authorised single point of contact',
                           k.name, k.email, a.name, b.name)
               ELSE format('%s <%s> is a contact of %s, not of %s; choose one of its authorised contacts: %s',
                           k.name, k.email, a.name, b.name, v_spocs) END
          INTO v_choose
          FROM contacts k JOIN customers a ON a.id = k.customer_id, customers b
         WHERE k.id = t.contact_id AND b.id = (r.t).customer_id;
        v_lines := ARRAY(SELECT CASE WHEN split_part(l, E'\t', 1) = 'contact'
                                      AND split_part(l, E'\t', 2) = 'other_customer' AND v_choose IS NOT NULL
                                     THEN intake_line('contact', 'other_customer', v_choose)
                                     ELSE l END
                           FROM unnest(v_lines) AS l);
    END IF;
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
        WHEN 'customer' THEN
            -- the calendar and the plan follow the customer (661)
            n.customer_id := (r.t).customer_id; n.calendar_id := (r.t).calendar_id; n.plan := (r.t).plan;
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
       SET customer_id = n.customer_id, calendar_id = n.calendar_id, plan = n.plan,
           contact_id = n.contact_id, request_type_id = n.request_type_id, team_id = n.team_id,
           reason_id = n.reason_id, severity = n.severity, title = n.title,
           description = n.description, impact = n.impact, object_ids = n.object_ids,
           member_id = n.member_id, bidder_id = n.bidder_id, creative_id = n.creative_id,
           repro_steps = n.repro_steps, screenshots = n.screenshots, browser = n.browser,
           os = n.os, phone = n.phone, extra = n.extra,
           version = x.version + 1, updated_at = tt_now()
     WHERE x.id = t.id
    RETURNING x.version INTO v_version;

    -- the step's own notifications before its event (790): the assignee
    -- and the new team's members are then told already, and the trigger
    -- tells them nothing more as followers
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
    v_event := audit(t.id, 'retriage', jsonb_build_object('reason', btrim(reason, E' \t\r\n'),
                                                            'changes', v_diff));

    -- another customer (710): the live CSM level the old customer's CSM
    -- holds goes to the new customer's CSM, open again for them to
    -- acknowledge, audited and told as a CSM change is (250); a customer
    -- without an active CSM takes nothing (customers_csm_hand_over's
    -- rule). The hand-over bumps the ticket: the version returned is read
    -- again, so the caller's next edit is not refused as stale.
    IF n.customer_id <> t.customer_id THEN
        SELECT x.* INTO v_esc FROM escalations x
         WHERE x.ticket_id = t.id AND x.level = 1 AND x.state IN ('open', 'acknowledged')
           AND x.holder_id = (SELECT c.csm_id FROM customers c WHERE c.id = t.customer_id)
         FOR UPDATE;
        SELECT c.csm_id INTO v_csm FROM customers c JOIN agents a ON a.id = c.csm_id AND a.active
         WHERE c.id = n.customer_id;
        IF v_esc.id IS NOT NULL AND v_csm IS NOT NULL AND v_csm <> v_esc.holder_id THEN
            PERFORM escalation_hand_to(v_esc, v_csm, NULL, 'customer_changed');
            SELECT x.version INTO v_version FROM tickets x WHERE x.id = t.id;
        END IF;
    END IF;

    -- an emergency, new or now another customer's: that customer's CSM
    -- and account representative hear of it as at intake (661)
    IF n.severity = 1 AND (t.severity <> 1 OR n.customer_id <> t.customer_id) THEN
        PERFORM ticket_notify_emergency(t.id);
    END IF;
    RETURN jsonb_build_object('ticket', t.id, 'version', v_version, 'event', v_event,
                              'retriage', jsonb_build_object('reason', btrim(reason, E' \t\r\n'),
                                                             'changes', v_diff));
END
$$;
GRANT EXECUTE ON FUNCTION api_ticket_retriage(bigint, int, jsonb, text) TO ticketty_agent;
