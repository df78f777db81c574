-- 661_retriage_customer.sql: a ticket filed under the wrong customer (a
-- frequent intake error) is re-triaged to the right one (DESIGN.md §5:
-- re-triage changes the intake fields; the customer is one of them).
--   * api_ticket_retriage takes `customer` (name or id, as intake does)
--     like any other field. The contact must then be that customer's
--     active authorised single point of contact, the rule intake applies
--     (intake_resolve on the merged ticket): a contact kept from the old
--     customer is refused on `contact` (other_customer), naming the
--     single points of contact to choose ("...; choose one of its
--     authorised contacts: Bob Buyer <bob@x>, Carla <carla@x>"); an
--     unknown or inactive customer is refused on `customer`. Before, `customer` was refused as fixed at intake.
--   * The calendar and the plan follow the customer. The SLA trigger
--     treats a change of calendar as a change of terms, as it treats one
--     of severity or plan: every undecided deadline is measured again from
--     created_at on the new calendar and plan, the customer's waits too;
--     stored outcomes stay. The update cadence is re-read on a change of
--     plan or calendar as well (it was only on severity and status).
--   * The audit event (retriage) shows the customer by name, from and to
--     ({"customer": {"from": "Acme Corp", "to": "Globex"}}), the contact
--     by name and address, as the timeline says them.
--   * An emergency moved to another customer tells that customer's CSM
--     and account representative, as at intake.
--   * Replaced whole: 480's api_ticket_retriage, 100's retriage_shown,
--     660's tickets_sla_update.
--   * Not changed: a live escalation keeps its holder (a level-1 holder
--     is the old customer's CSM until it is passed up or resolved).

SELECT set_config('search_path', 'ticketty', true);

-- 100's, whole: the customer by name.
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

-- 480's, whole: the customer may change (see the top).
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
    v_team    text;
    v_event   bigint;
    v_same    text[] := '{}';
    v_spocs   text;
    v_choose  text;
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
    SELECT v_lines || coalesce(array_agg(l ORDER BY o), '{}') INTO v_lines
      FROM unnest(r.problems) WITH ORDINALITY AS u(l, o)
     WHERE split_part(l, E'\t', 1) = ANY (v_watch)
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

-- 660's, whole: a change of calendar re-reads the deadlines.
CREATE OR REPLACE FUNCTION tickets_sla_update() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_at     timestamptz := CASE WHEN NEW.updated_at IS DISTINCT FROM OLD.updated_at
                                 THEN NEW.updated_at ELSE tt_now() END;
    v_paused bigint;
    v_base   timestamptz;
    v_clock  sla_clock;
    v_delta  bigint;
BEGIN
    -- the trigger-owned columns cannot be changed by hand
    NEW.first_response_due := OLD.first_response_due;
    NEW.first_response_outcome := OLD.first_response_outcome;
    NEW.first_response_clock := OLD.first_response_clock;
    NEW.first_response_minutes := OLD.first_response_minutes;
    NEW.first_response_risk_at := OLD.first_response_risk_at;
    NEW.resolution_due := OLD.resolution_due;
    NEW.resolution_paused := OLD.resolution_paused;
    NEW.resolution_outcome := OLD.resolution_outcome;
    NEW.resolution_clock := OLD.resolution_clock;
    NEW.resolution_minutes := OLD.resolution_minutes;
    NEW.resolution_risk_at := OLD.resolution_risk_at;
    NEW.waiting_since := OLD.waiting_since;
    NEW.update_due := OLD.update_due;
    NEW.update_risk_at := OLD.update_risk_at;
    NEW.update_missed_count := OLD.update_missed_count;
    NEW.update_from := OLD.update_from;

    -- leaving waiting_customer: add the pause back to the resolution deadline
    IF OLD.status = 'waiting_customer' AND NEW.status <> 'waiting_customer'
       AND OLD.waiting_since IS NOT NULL THEN
        v_paused := GREATEST(clock_between(NEW.calendar_id, coalesce(NEW.resolution_clock, 'wall'),
                                           OLD.waiting_since, v_at), 0);
        IF NEW.resolution_outcome IS NULL THEN
            NEW.resolution_paused := NEW.resolution_paused + make_interval(secs => v_paused);
            NEW.resolution_due := clock_add(NEW.calendar_id, NEW.resolution_clock,
                                            NEW.resolution_due, v_paused);
            NEW.resolution_risk_at := clock_add(NEW.calendar_id, NEW.resolution_clock,
                                                NEW.resolution_risk_at, v_paused);
        END IF;
        UPDATE sla_pauses SET ended_at = v_at, paused_secs = v_paused
         WHERE ticket_id = NEW.id AND ended_at IS NULL;
        NEW.waiting_since := NULL;
    END IF;

    -- severity (or plan) change: targets of the undecided deadlines re-read.
    -- When the resolution clock changes with them (business hours <-> round
    -- the clock), the customer's waits are measured again on the new clock
    -- (490): the time paused is what the new terms would have paused.
    -- A change of calendar (the ticket moved to another customer, 661) is
    -- one of terms too: every undecided deadline is measured again from
    -- created_at on the new calendar, and the waits on it.
    IF NEW.severity IS DISTINCT FROM OLD.severity OR NEW.plan IS DISTINCT FROM OLD.plan
       OR NEW.calendar_id IS DISTINCT FROM OLD.calendar_id THEN
        IF NEW.resolution_outcome IS NULL THEN
            SELECT x.clock INTO v_clock FROM sla_targets x
             WHERE x.kind = 'resolution' AND x.plan = NEW.plan AND x.severity = NEW.severity;
            IF v_clock IS NOT NULL AND (v_clock IS DISTINCT FROM NEW.resolution_clock
                                        OR NEW.calendar_id IS DISTINCT FROM OLD.calendar_id) THEN
                WITH was AS (
                    SELECT p.id, p.paused_secs AS secs FROM sla_pauses p WHERE p.ticket_id = NEW.id
                ), is_ AS (
                    UPDATE sla_pauses p
                       SET clock = v_clock,
                           paused_secs = CASE WHEN p.ended_at IS NOT NULL THEN
                               GREATEST(clock_between(NEW.calendar_id, v_clock, p.started_at, p.ended_at), 0) END
                      FROM was
                     WHERE p.id = was.id
                    RETURNING p.paused_secs AS secs, was.secs AS was_secs)
                SELECT coalesce(sum(secs), 0) - coalesce(sum(was_secs), 0) INTO v_delta FROM is_;
                NEW.resolution_paused := GREATEST(NEW.resolution_paused + make_interval(secs => v_delta),
                                                  interval '0');
            END IF;
        END IF;
        NEW := tickets_sla_targets(NEW, true);
    END IF;

    -- entering waiting_customer: the resolution clock pauses
    IF NEW.status = 'waiting_customer' AND OLD.status IS DISTINCT FROM 'waiting_customer' THEN
        NEW.waiting_since := v_at;
        INSERT INTO sla_pauses (ticket_id, started_at, clock)
        VALUES (NEW.id, v_at, coalesce(NEW.resolution_clock, 'wall'));
    END IF;

    -- first response
    IF NEW.first_response_outcome IS NULL THEN
        IF NEW.acknowledged_at IS NOT NULL THEN
            NEW.first_response_outcome := CASE WHEN NEW.acknowledged_at <= NEW.first_response_due
                                               THEN 'met' ELSE 'missed' END;
        ELSIF NEW.resolved_at IS NOT NULL THEN
            NEW.first_response_outcome := CASE WHEN NEW.resolved_at <= NEW.first_response_due
                                               THEN 'met' ELSE 'missed' END;
        END IF;
    END IF;

    -- resolution
    IF NEW.resolved_at IS NULL THEN
        NEW.resolution_outcome := NULL;
    ELSIF OLD.resolved_at IS NULL OR NEW.resolution_outcome IS NULL THEN
        NEW.resolution_outcome := CASE WHEN NEW.resolved_at <= NEW.resolution_due
                                       THEN 'met' ELSE 'missed' END;
    END IF;

    -- update cadence
    IF NEW.last_public_reply_at IS DISTINCT FROM OLD.last_public_reply_at
       AND NEW.last_public_reply_at IS NOT NULL
       AND OLD.update_due IS NOT NULL AND NEW.last_public_reply_at > OLD.update_due THEN
        NEW.update_missed_count := NEW.update_missed_count + 1;
    ELSIF OLD.update_due IS NOT NULL AND OLD.status NOT IN ('resolved', 'closed')
          AND NEW.status IN ('resolved', 'closed') AND v_at > OLD.update_due THEN
        NEW.update_missed_count := NEW.update_missed_count + 1;
    END IF;
    -- the cadence (re)starts now when the ticket becomes an emergency or
    -- is reopened (660); the start is kept so that a later change that
    -- re-reads the cadence (a status change) does not fall back to a reply
    -- sent before it
    IF (NEW.severity = 1 AND OLD.severity IS DISTINCT FROM 1)
       OR (OLD.status IN ('resolved', 'closed') AND NEW.status NOT IN ('resolved', 'closed')) THEN
        NEW.update_from := v_at;
    END IF;
    -- update cadence base (660; ticket_deadlines reads the same): the last
    -- public reply, or the acknowledgement before any reply, but not
    -- before update_from; none before the first response
    v_base := coalesce(NEW.last_public_reply_at, NEW.acknowledged_at);
    IF v_base IS NOT NULL AND NEW.update_from > v_base THEN
        v_base := NEW.update_from;
    END IF;
    IF NEW.severity IS DISTINCT FROM OLD.severity OR NEW.status IS DISTINCT FROM OLD.status
       OR NEW.plan IS DISTINCT FROM OLD.plan OR NEW.calendar_id IS DISTINCT FROM OLD.calendar_id
       OR NEW.last_public_reply_at IS DISTINCT FROM OLD.last_public_reply_at
       OR NEW.acknowledged_at IS DISTINCT FROM OLD.acknowledged_at THEN
        NEW := tickets_sla_update_due(NEW, v_base);
    END IF;
    RETURN NEW;
END
$$;
