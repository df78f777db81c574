-- 790_told_once.sql: a step that tells people itself writes its own
-- notifications before its event, so each person hears of it once.
--   ticket_events_notify_collaborators (770) tells a ticket's followers
--   (and, for some kinds, its assignee) of every event, except anyone
--   already told of the ticket in this transaction (an unread notification
--   of it at tt_now()). Two steps wrote their own notifications AFTER
--   their event, so a recipient who also follows the ticket heard twice:
--     * mail_undelivered (420): a bounced or given-up answer told the
--       answer's author and the assignee (ticket.mail_bounced) after the
--       event mail_bounced; a follower among them also got ticket.changed;
--     * api_ticket_retriage (710): a member of the new team who follows
--       the ticket got ticket.changed besides ticket.rerouted (the
--       assignee was already kept out by 770's rule for 'retriage').
--   Now both write their notifications first and the event after; the
--   trigger finds those people told. Payloads, recipients, return values
--   and the order of a re-triage's escalation hand-over (after the
--   retriage event, as 710) are unchanged; no payload needs anything
--   only known after the event. The trigger's assignee rule (770) stays:
--   it is now redundant for a re-triage, still right.
--   Looked at and left: mail_thread_onto (780) tells the assignee
--   (ticket.customer_reply) after its event, but 770 keeps the trigger
--   from telling the assignee of a customer_reply: nobody hears twice;
--   api_ticket_link (540) writes its contact's ticket.duplicate after the
--   status events, but the trigger tells agents only.
-- Replaced whole: 420's mail_undelivered, 710's api_ticket_retriage.

SELECT set_config('search_path', 'ticketty', true);

-- Records that our message o never reached p_to (a delivery report
-- p_report came back, or ticketty gave the message up: p_cause 'refused'
-- or 'expired'): the outbox row says when and why (an answer to inbox
-- mail reads so in the inbox), the ticket gets the audit event
-- mail_bounced, and the answer's author and the ticket's assignee are
-- notified. Only the first time counts.
CREATE OR REPLACE FUNCTION mail_undelivered(o mail_outbox, p_to text, p_reason text, p_report bigint, p_cause text)
    RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    t tickets;
BEGIN
    IF o.bounced_at IS NOT NULL THEN
        RETURN;
    END IF;
    UPDATE mail_outbox SET bounced_at = tt_now(), bounce_reason = left(nullif(p_reason, ''), 1000)
     WHERE id = o.id;
    IF o.ticket_id IS NULL THEN
        IF o.inbound_id IS NOT NULL THEN
            PERFORM pg_notify('ticketty', json_build_object('inbox', o.inbound_id, 'kind', 'mail')::text);
        END IF;
        RETURN;
    END IF;
    SELECT * INTO t FROM tickets WHERE id = o.ticket_id;
    -- the step's own notifications before its event (790): the trigger
    -- then finds them told and tells them nothing more
    INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload)
    SELECT DISTINCT w.agent, 'ticket.mail_bounced', t.id,
           jsonb_build_object('title', t.title, 'to', o.to_address, 'reason', nullif(left(p_reason, 1000), ''))
      FROM (SELECT t.assignee_id AS agent
            UNION ALL
            SELECT c.author_id FROM comments c WHERE c.id = o.comment_id) w
     WHERE w.agent IS NOT NULL;
    PERFORM audit(t.id, 'mail_bounced',
                  jsonb_strip_nulls(jsonb_build_object(
                      'to', coalesce(nullif(btrim(p_to), ''), o.to_address),
                      'reason', nullif(left(p_reason, 1000), ''), 'mail', o.id,
                      'comment', o.comment_id, 'report', p_report, 'cause', p_cause)));
END
$$;

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
