-- 800_intake_triggers.sql: a new ticket's own triggers run fewer statements
-- (issue #19, intake). Same deadlines, positions, notifications and mail.
--   * tickets_sla_insert (010), replaced whole: a ticket inserted with no
--     deadline, outcome or calendar generation of its own (every ticket
--     api_ticket_create writes) gets both targets, the business position of
--     its creation and its four instants (first response and resolution,
--     due and at risk) from two statements instead of tickets_sla_targets'
--     two target probes and four clock_add_cached -> business_at calls
--     (one query each) plus business_position. It then stores the
--     positions tickets_sla_positions (012) would measure again
--     (business_position of a due instant that business_at found for
--     position p is p: the instant is inside that day's open span, at
--     microsecond precision) and the calendar generation, so that trigger
--     returns at its first probe. Anything unusual (a missing target, an
--     instant outside the calendar, an update deadline at insert) takes
--     the general path of before, which raises the same errors.
--   * tickets_after_insert (720), replaced whole: the report zone is read
--     in the statement that reads the customer's and contact's names (one
--     statement fewer; the zone is read for every ticket, as it was for
--     every open one).
--   * ticket_events_mail (061) fires only for the events it mails about
--     (its first test, as a WHEN condition: no call for the others).
--   * ticket_events_notify_collaborators (045) does not fire for a
--     'created' event: only api_ticket_create writes one, right after the
--     ticket's INSERT, when the ticket can have no collaborator, assignee
--     before it or notification yet, so the trigger inserted nothing.
-- Measured in tests/bench/README ("Intake, 2026-12-04 afternoon").

SELECT set_config('search_path', 'ticketty', true);

CREATE OR REPLACE FUNCTION tickets_sla_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_fr_min  int;
    v_fr_clk  sla_clock;
    v_res_min int;
    v_res_clk sla_clock;
    v_gen     bigint;
    v_pos     numeric;
    v_s       bigint[];
    v_at      timestamptz[];
    v_fast    boolean := false;
BEGIN
    IF NEW.calendar_id IS NULL THEN
        NEW.calendar_id := coalesce((SELECT c.calendar_id FROM customers c WHERE c.id = NEW.customer_id),
                                    default_calendar_id());
    END IF;
    IF NEW.created_at IS NULL THEN
        NEW.created_at := tt_now();
    END IF;
    -- 800: the common new ticket in two statements (see the header); the
    -- instants as clock_add_cached computes them from created_at's position
    IF NEW.first_response_outcome IS NULL AND NEW.first_response_due IS NULL
       AND NEW.resolution_outcome IS NULL AND NEW.resolution_due IS NULL
       AND NEW.sla_generation IS NULL THEN
        SELECT f.minutes, f.clock, r.minutes, r.clock, g.generation
          INTO v_fr_min, v_fr_clk, v_res_min, v_res_clk, v_gen
          FROM sla_targets f, sla_targets r, calendar_generations g
         WHERE f.kind = 'first_response' AND f.plan = NEW.plan AND f.severity = NEW.severity
           AND r.kind = 'resolution' AND r.plan = NEW.plan AND r.severity = NEW.severity
           AND g.calendar_id = NEW.calendar_id;
        IF v_fr_min IS NOT NULL THEN
            v_s := ARRAY[v_fr_min * 60::bigint, ceil(v_fr_min * 60 * 0.8)::bigint,
                         v_res_min * 60::bigint + extract(epoch FROM NEW.resolution_paused)::bigint,
                         ceil(v_res_min * 60 * 0.8)::bigint + extract(epoch FROM NEW.resolution_paused)::bigint];
            SELECT p.pos,
                   ARRAY(SELECT CASE WHEN c.clk = 'wall'
                                     THEN NEW.created_at + make_interval(secs => c.s::double precision)
                                     WHEN c.s = 0 THEN NEW.created_at
                                     ELSE (SELECT d.opens_at + make_interval(secs => (p.pos + c.s - d.cum_before)::double precision)
                                             FROM calendar_days d
                                            WHERE d.calendar_id = NEW.calendar_id
                                              AND d.cum_before < ceil(p.pos + c.s)::bigint
                                              AND d.cum_before + d.secs >= p.pos + c.s
                                            ORDER BY d.cum_before DESC
                                            LIMIT 1) END
                           FROM unnest(ARRAY[v_fr_clk, v_fr_clk, v_res_clk, v_res_clk], v_s)
                                WITH ORDINALITY c (clk, s, i)
                          ORDER BY c.i)
              INTO v_pos, v_at
              FROM (SELECT (SELECT d.cum_before + LEAST(extract(epoch FROM NEW.created_at - d.opens_at), d.secs)
                              FROM calendar_days d
                             WHERE d.calendar_id = NEW.calendar_id AND d.opens_at <= NEW.created_at
                             ORDER BY d.opens_at DESC
                             LIMIT 1) AS pos) p;
            v_fast := array_position(v_at, NULL) IS NULL
                      AND (v_pos IS NOT NULL OR (v_fr_clk = 'wall' AND v_res_clk = 'wall'));
        END IF;
    END IF;
    IF v_fast THEN
        NEW.first_response_clock := v_fr_clk;
        NEW.first_response_minutes := v_fr_min;
        NEW.first_response_due := v_at[1];
        NEW.first_response_risk_at := v_at[2];
        NEW.resolution_clock := v_res_clk;
        NEW.resolution_minutes := v_res_min;
        NEW.resolution_due := v_at[3];
        NEW.resolution_risk_at := v_at[4];
    ELSE
        NEW := tickets_sla_targets(NEW, false);
    END IF;
    IF NEW.acknowledged_at IS NOT NULL AND NEW.first_response_outcome IS NULL THEN
        NEW.first_response_outcome := CASE WHEN NEW.acknowledged_at <= NEW.first_response_due
                                           THEN 'met' ELSE 'missed' END;
    END IF;
    IF NEW.resolved_at IS NOT NULL AND NEW.resolution_outcome IS NULL THEN
        NEW.resolution_outcome := CASE WHEN NEW.resolved_at <= NEW.resolution_due
                                       THEN 'met' ELSE 'missed' END;
    END IF;
    IF NEW.status = 'waiting_customer' AND NEW.waiting_since IS NULL THEN
        NEW.waiting_since := NEW.updated_at;
    END IF;
    IF NEW.update_due IS NULL THEN
        IF coalesce(NEW.last_public_reply_at, NEW.acknowledged_at) IS NULL THEN
            -- 800: what tickets_sla_update_due does with no base
            NEW.update_risk_at := NULL;
        ELSE
            NEW := tickets_sla_update_due(NEW, coalesce(NEW.last_public_reply_at, NEW.acknowledged_at));
        END IF;
    END IF;
    -- 800: what tickets_sla_positions (012) would store, measured already:
    -- a due instant's position is created_at's position plus its seconds
    -- (at business_position's scale of 6 decimals, as text too)
    IF v_fast AND NEW.update_due IS NULL THEN
        NEW.sla_generation := v_gen;
        NEW.first_response_due_pos := CASE WHEN v_fr_clk = 'business' THEN round(v_pos + v_s[1], 6) END;
        NEW.resolution_due_pos := CASE WHEN v_res_clk = 'business' THEN round(v_pos + v_s[3], 6) END;
        NEW.update_clock := NULL;
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION tickets_sla_insert() FROM ticketty_agent;

CREATE OR REPLACE FUNCTION tickets_after_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_ab       tsvector;
    v_customer text;
    v_contact  text;
    z          text;
    v_fr_due   timestamptz;
    v_res_due  timestamptz;
    v_upd_due  timestamptz;
BEGIN
    -- search (070, 650): a new ticket has no message yet, so its two
    -- vectors are its fields (search_fields_doc(NEW) and
    -- search_fields_doc(NEW, false), the same words at the same
    -- positions), each part parsed once for both rows (search_refresh()
    -- plans its chain of SQL functions on every call)
    v_ab := setweight(search_words(
                          concat_ws(' ', NEW.id, NEW.title, array_to_string(NEW.object_ids, ' '),
                                    NEW.member_id, NEW.bidder_id, NEW.creative_id, NEW.bug_ref)), 'A')
         || setweight(search_words(concat_ws(' ', NEW.description, NEW.impact, NEW.repro_steps)), 'B');
    -- 800: with report_zone() of the rollups below, read inline (a call of
    -- it is planned per transaction), in the same statement
    SELECT cu.name, (SELECT concat_ws(' ', co.name, co.email) FROM contacts co WHERE co.id = NEW.contact_id),
           coalesce((SELECT c.time_zone FROM calendars c WHERE c.is_default), 'UTC')
      INTO v_customer, v_contact, z
      FROM customers cu WHERE cu.id = NEW.customer_id;
    INSERT INTO ticket_search (ticket_id, customer_id, is_open, created_at, doc)
    VALUES (NEW.id, NEW.customer_id, NEW.is_open, NEW.created_at,
            v_ab || setweight(search_words(concat_ws(' ', v_customer, v_contact)), 'C'));
    INSERT INTO ticket_search_shared (ticket_id, customer_id, is_open, created_at, doc)
    VALUES (NEW.id, NEW.customer_id, NEW.is_open, NEW.created_at,
            v_ab || setweight(search_words(concat_ws(' ', v_customer)), 'C'));

    -- dashboard (090, 700): the facts of dashboard_facts(NEW, zone, false),
    -- the backlog (kind NULL) first. Each is one met, one missed, one open
    -- or one pending, never zero. The backlog and the pending deadlines,
    -- the common case, are written here; the rare outcomes of a ticket
    -- inserted already decided go through dashboard_add.
    IF NEW.is_open THEN
        INSERT INTO backlog_rollup AS r (day, team_id, severity, plan, open)
        VALUES ((NEW.created_at AT TIME ZONE z)::date, NEW.team_id, NEW.severity, NEW.plan, 1)
        ON CONFLICT (day, team_id, severity, plan) DO UPDATE SET open = r.open + EXCLUDED.open;
        INSERT INTO backlog_rollup_customer AS r (customer_id, day, team_id, severity, plan, open)
        VALUES (NEW.customer_id, (NEW.created_at AT TIME ZONE z)::date, NEW.team_id, NEW.severity, NEW.plan, 1)
        ON CONFLICT (customer_id, day, team_id, severity, plan) DO UPDATE SET open = r.open + EXCLUDED.open;
    END IF;
    -- the pending deadlines (700, 720), as dashboard_facts counts them:
    -- one upsert per table, the three clocks in it (kinds apart, so no row
    -- twice)
    IF NEW.is_open AND NEW.resolved_at IS NULL THEN
        v_fr_due := CASE WHEN NEW.first_response_outcome IS NULL AND NEW.acknowledged_at IS NULL
                         THEN NEW.first_response_due END;
        v_res_due := CASE WHEN NEW.waiting_since IS NULL OR NEW.waiting_since >= NEW.resolution_due
                          THEN NEW.resolution_due END;
        v_upd_due := NEW.update_due;
        INSERT INTO sla_pending AS r (day, team_id, severity, plan, kind, pending)
        SELECT (d.due AT TIME ZONE z)::date, NEW.team_id, NEW.severity, NEW.plan, d.kind, 1
          FROM (VALUES ('first_response'::sla_kind, v_fr_due), ('resolution'::sla_kind, v_res_due),
                       ('update'::sla_kind, v_upd_due)) d (kind, due)
         WHERE d.due IS NOT NULL
        ON CONFLICT (day, team_id, severity, plan, kind) DO UPDATE SET pending = r.pending + EXCLUDED.pending;
        INSERT INTO sla_pending_customer AS r (customer_id, day, team_id, severity, plan, kind, pending)
        SELECT NEW.customer_id, (d.due AT TIME ZONE z)::date, NEW.team_id, NEW.severity, NEW.plan, d.kind, 1
          FROM (VALUES ('first_response'::sla_kind, v_fr_due), ('resolution'::sla_kind, v_res_due),
                       ('update'::sla_kind, v_upd_due)) d (kind, due)
         WHERE d.due IS NOT NULL
        ON CONFLICT (customer_id, day, team_id, severity, plan, kind)
        DO UPDATE SET pending = r.pending + EXCLUDED.pending;
        INSERT INTO sla_pending_hour AS r (hour, team_id, severity, plan, kind, pending)
        SELECT date_bin('1 hour', d.due, timestamptz '2000-01-01 00:00+00'), NEW.team_id, NEW.severity, NEW.plan,
               d.kind, 1
          FROM (VALUES ('first_response'::sla_kind, v_fr_due), ('resolution'::sla_kind, v_res_due),
                       ('update'::sla_kind, v_upd_due)) d (kind, due)
         WHERE d.due IS NOT NULL
        ON CONFLICT (hour, team_id, severity, plan, kind) DO UPDATE SET pending = r.pending + EXCLUDED.pending;
        INSERT INTO sla_pending_customer_hour AS r (hour, customer_id, team_id, severity, plan, kind, pending)
        SELECT date_bin('1 hour', d.due, timestamptz '2000-01-01 00:00+00'), NEW.customer_id, NEW.team_id,
               NEW.severity, NEW.plan, d.kind, 1
          FROM (VALUES ('first_response'::sla_kind, v_fr_due), ('resolution'::sla_kind, v_res_due),
                       ('update'::sla_kind, v_upd_due)) d (kind, due)
         WHERE d.due IS NOT NULL
        ON CONFLICT (hour, customer_id, team_id, severity, plan, kind)
        DO UPDATE SET pending = r.pending + EXCLUDED.pending;
    END IF;
    IF NEW.first_response_outcome IS NOT NULL THEN
        PERFORM dashboard_add(NEW.customer_id, NEW.team_id, NEW.severity, NEW.plan, 'first_response',
                              (coalesce(NEW.acknowledged_at, NEW.first_response_due) AT TIME ZONE z)::date,
                              (NEW.first_response_outcome = 'met')::int,
                              (NEW.first_response_outcome = 'missed')::int, 0, 0, NULL);
    END IF;
    IF NEW.resolution_outcome IS NOT NULL AND NEW.resolved_at IS NOT NULL THEN
        PERFORM dashboard_add(NEW.customer_id, NEW.team_id, NEW.severity, NEW.plan, 'resolution',
                              (NEW.resolved_at AT TIME ZONE z)::date,
                              (NEW.resolution_outcome = 'met')::int,
                              (NEW.resolution_outcome = 'missed')::int, 0, 0, NULL);
    END IF;

    -- SLA (010): a ticket inserted already waiting on the customer gets its
    -- pause row
    IF NEW.waiting_since IS NOT NULL THEN
        INSERT INTO sla_pauses (ticket_id, started_at, clock)
        VALUES (NEW.id, NEW.waiting_since, coalesce(NEW.resolution_clock, 'wall'));
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION tickets_after_insert() FROM ticketty_agent, PUBLIC;

DROP TRIGGER ticket_events_mail ON ticket_events;
CREATE TRIGGER ticket_events_mail
    AFTER INSERT ON ticket_events
    FOR EACH ROW
    WHEN (NEW.kind IN ('ack', 'reply', 'resolve', 'status', 'close') AND NEW.details ? 'comment')
    EXECUTE FUNCTION ticket_events_mail();

DROP TRIGGER ticket_events_notify_collaborators ON ticket_events;
CREATE TRIGGER ticket_events_notify_collaborators
    AFTER INSERT ON ticket_events
    FOR EACH ROW
    WHEN (NEW.kind <> 'created')
    EXECUTE FUNCTION ticket_events_notify_collaborators();
