-- 720_sla_update_past_due.sql: the update cadence of an emergency
-- (DESIGN.md §6: severity 1, while open, a public update due every 2 hours
-- after the last public reply) in the past-due figures, and the periods
-- that were lost.
--
-- PAST DUE. report_sla and the dashboard showed "+N past due" for the
-- first response and the resolution only (640, 700): an emergency whose
-- update was 5 hours overdue showed nothing until the next reply decided
-- the period. Its pending deadline is now a fact like theirs: an open
-- ticket with update_due set (and not resolved, as the others) has one
-- pending 'update' deadline on the day
-- and UTC hour update_due falls (dashboard_facts), kept in the same
-- rollups (sla_pending*, kind 'update') by the same triggers and
-- dashboard_rebuild; report_sla gains update_past_due (last column, the
-- others keep their places), read from them as the other two, with only
-- the hour running counted live on a new partial index over the open
-- tickets with an update due (the severity-1 ones, a few).
--
-- LOST PERIODS. A period ends, and is one cadence outcome (090), with a
-- public reply or the resolution; a move away from severity 1 also ended
-- it (update_due NULL, 660) but recorded nothing, so a period already
-- breached vanished from the reports and from update_missed_count. It is
-- now missed when the cadence stops on an open ticket after update_due,
-- at the instant it stopped: the same rule as a resolution while an
-- update was overdue (counted on the day it ended, not the day it fell
-- due), so every period is counted once, on the day it ended, and the
-- past-due figure (by the day due) hands over to it. A move away before
-- update_due owed nothing and counts nothing (no update was given: not a
-- met either). A resolution or closing while overdue already counted a
-- miss (dashboard_cadence of 090; tested here).
--
-- LOCK ORDER. tickets_dashboard added its facts in key order but the
-- cadence outcome and a reopen's kept resolution after the loop, so a
-- transaction could take an 'update' row of sla_rollup after the pending
-- rows another took in the other order; both are now facts of the one
-- sorted loop (the rows they write are unchanged).
--
-- Replaced whole: dashboard_facts (700), dashboard_cadence (090),
-- tickets_sla_update (661), tickets_dashboard (700) and its update
-- trigger, dashboard_rebuild (700), tickets_after_insert (700);
-- report_sla (700) is dropped and created (a new result column; agents
-- keep EXECUTE by the default privileges of 002, and it stays in
-- agent_callable_helpers).

SELECT set_config('search_path', 'ticketty', true);

CREATE INDEX tickets_update_past_due_idx
    ON tickets (update_due) INCLUDE (team_id, severity, plan, customer_id)
    WHERE is_open AND resolved_at IS NULL AND update_due IS NOT NULL;

-- 700's, whole: the pending update (720).
-- What one ticket contributes: SLA outcomes (kind, day, met, missed), its
-- place in the backlog (kind NULL, day created, open = 1) and its pending
-- deadlines (kind, day due, pending = 1, and the UTC hour due; see 700):
-- first response, resolution, and the update an open emergency owes
-- (update_due is set only then, 660). Cadence outcomes
-- (sla_update_outcomes) and the resolutions reopens took back
-- (sla_resolution_outcomes, 641) come when `with_updates`.
CREATE OR REPLACE FUNCTION dashboard_facts(t tickets, z text, with_updates boolean)
    RETURNS TABLE (kind sla_kind, day date, met int, missed int, open int, pending int, hour timestamptz)
    LANGUAGE sql STABLE
    -- no SET clause, every name qualified: the trigger's query inlines it
    -- (a SET clause made it a function scan, planned again for every row)
AS $$
    SELECT 'first_response'::ticketty.sla_kind,
           (coalesce(t.acknowledged_at, t.first_response_due) AT TIME ZONE z)::date,
           (t.first_response_outcome = 'met')::int, (t.first_response_outcome = 'missed')::int, 0, 0,
           NULL::timestamptz
     WHERE t.first_response_outcome IS NOT NULL
    UNION ALL
    SELECT 'resolution', (t.resolved_at AT TIME ZONE z)::date,
           (t.resolution_outcome = 'met')::int, (t.resolution_outcome = 'missed')::int, 0, 0, NULL
     WHERE t.resolution_outcome IS NOT NULL AND t.resolved_at IS NOT NULL
    UNION ALL
    SELECT NULL, (t.created_at AT TIME ZONE z)::date, 0, 0, 1, 0, NULL
     WHERE t.is_open
    UNION ALL
    SELECT 'first_response', (t.first_response_due AT TIME ZONE z)::date, 0, 0, 0, 1,
           date_bin('1 hour', t.first_response_due, timestamptz '2000-01-01 00:00+00')
     WHERE t.is_open AND t.first_response_outcome IS NULL AND t.acknowledged_at IS NULL
       AND t.resolved_at IS NULL AND t.first_response_due IS NOT NULL
    UNION ALL
    SELECT 'resolution', (t.resolution_due AT TIME ZONE z)::date, 0, 0, 0, 1,
           date_bin('1 hour', t.resolution_due, timestamptz '2000-01-01 00:00+00')
     WHERE t.is_open AND t.resolved_at IS NULL AND t.resolution_due IS NOT NULL
       AND (t.waiting_since IS NULL OR t.waiting_since >= t.resolution_due)
    UNION ALL
    SELECT 'update', (t.update_due AT TIME ZONE z)::date, 0, 0, 0, 1,
           date_bin('1 hour', t.update_due, timestamptz '2000-01-01 00:00+00')
     WHERE t.is_open AND t.resolved_at IS NULL AND t.update_due IS NOT NULL
    UNION ALL
    SELECT 'update', (u.at AT TIME ZONE z)::date,
           (u.outcome = 'met')::int, (u.outcome = 'missed')::int, 0, 0, NULL
      FROM ticketty.sla_update_outcomes u
     WHERE with_updates AND u.ticket_id = t.id
    UNION ALL
    SELECT 'resolution', (h.at AT TIME ZONE z)::date,
           (h.outcome = 'met')::int, (h.outcome = 'missed')::int, 0, 0, NULL
      FROM ticketty.sla_resolution_outcomes h
     WHERE with_updates AND h.ticket_id = t.id
$$;

-- The cadence outcome a change of a severity-1 ticket ends, mirroring the
-- update_missed_count rule of tickets_sla_update: a public reply while an
-- update was due (met when not after update_due), else the resolution (or
-- closing) of an open ticket while one was due, else the cadence stopped
-- on an open ticket (a move away from severity 1) after update_due:
-- missed, at the instant it stopped (720; before update_due nothing was
-- owed, nothing is counted).
CREATE OR REPLACE FUNCTION dashboard_cadence(o tickets, n tickets, OUT at timestamptz, OUT outcome sla_outcome)
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF o.update_due IS NULL THEN
        RETURN;
    END IF;
    IF n.last_public_reply_at IS DISTINCT FROM o.last_public_reply_at AND n.last_public_reply_at IS NOT NULL THEN
        at := n.last_public_reply_at;
    ELSIF o.status NOT IN ('resolved', 'closed') AND n.status IN ('resolved', 'closed') THEN
        at := CASE WHEN n.updated_at IS DISTINCT FROM o.updated_at THEN n.updated_at ELSE tt_now() END;
    ELSIF o.status NOT IN ('resolved', 'closed') AND n.status NOT IN ('resolved', 'closed')
          AND n.update_due IS NULL THEN
        at := CASE WHEN n.updated_at IS DISTINCT FROM o.updated_at THEN n.updated_at ELSE tt_now() END;
        IF at <= o.update_due THEN
            at := NULL;
            RETURN;
        END IF;
    ELSE
        RETURN;
    END IF;
    outcome := CASE WHEN at > o.update_due THEN 'missed' ELSE 'met' END;
END
$$;

-- 661's, whole: a move away from severity 1 (the cadence stopped on an
-- open ticket) after update_due counts a missed update (720).
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
    -- update cadence: the period a change ends, as dashboard_cadence reads
    -- it (a reply, the resolution, or the cadence stopped on an open
    -- ticket, 720), missed when it ended after update_due
    IF NEW.last_public_reply_at IS DISTINCT FROM OLD.last_public_reply_at
       AND NEW.last_public_reply_at IS NOT NULL THEN
        IF OLD.update_due IS NOT NULL AND NEW.last_public_reply_at > OLD.update_due THEN
            NEW.update_missed_count := NEW.update_missed_count + 1;
        END IF;
    ELSIF OLD.update_due IS NOT NULL AND OLD.status NOT IN ('resolved', 'closed')
          AND (NEW.status IN ('resolved', 'closed') OR NEW.update_due IS NULL)
          AND v_at > OLD.update_due THEN
        NEW.update_missed_count := NEW.update_missed_count + 1;
    END IF;
    RETURN NEW;
END
$$;

-- 700's, whole: the cadence outcome and a reopen's kept resolution are
-- facts of the sorted loop (720, lock order), the pending update comes
-- with dashboard_facts.
CREATE OR REPLACE FUNCTION tickets_dashboard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    -- report_zone(), read here: a call of it is planned anew in every
    -- transaction, and this runs for every ticket written
    z    text := coalesce((SELECT c.time_zone FROM calendars c WHERE c.is_default), 'UTC');
    f    record;
    c_at      timestamptz;     -- the cadence outcome this change ends, if any
    c_outcome sla_outcome;
    moved boolean := TG_OP = 'UPDATE'
                     AND (OLD.team_id, OLD.customer_id, OLD.severity, OLD.plan)
                         IS DISTINCT FROM (NEW.team_id, NEW.customer_id, NEW.severity, NEW.plan);
    -- a reopen: the resolution it takes back stays counted on its day
    -- (dashboard_facts takes it out with the ticket's outcome; it is kept
    -- and added back, under the ticket's keys as they are now)
    reopen boolean := TG_OP = 'UPDATE' AND OLD.resolution_outcome IS NOT NULL AND OLD.resolved_at IS NOT NULL
                      AND NEW.resolved_at IS NULL;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        SELECT d.at, d.outcome INTO c_at, c_outcome FROM dashboard_cadence(OLD, NEW) d;
    END IF;
    -- what changed, as signed facts per rollup key (no-ops dropped), in key
    -- order: outcomes and pending deadlines alike (700), the cadence
    -- outcome this change ends and a reopen's kept resolution with them
    -- (720: all rollup rows taken in one order). The stored rows of the
    -- last two are written after the loop, whose query does not see them.
    FOR f IN
        SELECT x.customer_id, x.team_id, x.severity, x.plan, x.kind, x.day, x.hour,
               sum(x.met)::int AS met, sum(x.missed)::int AS missed, sum(x.open)::int AS open,
               sum(x.pending)::int AS pending
          FROM (SELECT OLD.customer_id, OLD.team_id, OLD.severity, OLD.plan, d.kind, d.day,
                       -d.met AS met, -d.missed AS missed, -d.open AS open, -d.pending AS pending, d.hour
                  FROM dashboard_facts(OLD, z, moved OR TG_OP = 'DELETE') d
                 WHERE TG_OP <> 'INSERT'
                UNION ALL
                SELECT NEW.customer_id, NEW.team_id, NEW.severity, NEW.plan, d.kind, d.day,
                       d.met, d.missed, d.open, d.pending, d.hour
                  FROM dashboard_facts(NEW, z, moved) d
                 WHERE TG_OP <> 'DELETE'
                UNION ALL
                SELECT NEW.customer_id, NEW.team_id, NEW.severity, NEW.plan, 'resolution',
                       (OLD.resolved_at AT TIME ZONE z)::date,
                       (OLD.resolution_outcome = 'met')::int, (OLD.resolution_outcome = 'missed')::int, 0, 0,
                       NULL::timestamptz
                 WHERE reopen
                UNION ALL
                SELECT NEW.customer_id, NEW.team_id, NEW.severity, NEW.plan, 'update',
                       (c_at AT TIME ZONE z)::date,
                       (c_outcome = 'met')::int, (c_outcome = 'missed')::int, 0, 0, NULL::timestamptz
                 WHERE c_outcome IS NOT NULL) x
         GROUP BY 1, 2, 3, 4, 5, 6, 7
        HAVING sum(x.met) <> 0 OR sum(x.missed) <> 0 OR sum(x.open) <> 0 OR sum(x.pending) <> 0
         ORDER BY 5 NULLS FIRST, 6, 7, 2, 3, 4, 1
    LOOP
        PERFORM dashboard_add(f.customer_id, f.team_id, f.severity, f.plan, f.kind, f.day,
                              f.met, f.missed, f.open, f.pending, f.hour);
    END LOOP;
    IF reopen THEN
        INSERT INTO sla_resolution_outcomes (ticket_id, at, outcome)
        VALUES (NEW.id, OLD.resolved_at, OLD.resolution_outcome);
    END IF;
    IF c_outcome IS NOT NULL THEN
        INSERT INTO sla_update_outcomes (ticket_id, at, outcome) VALUES (NEW.id, c_at, c_outcome);
    END IF;
    RETURN NULL;
END
$$;

-- The update trigger also fires on what the pending deadlines read
-- (resolution_due, waiting_since; update_due, 720).
DROP TRIGGER tickets_dashboard_update ON tickets;
CREATE TRIGGER tickets_dashboard_update
    AFTER UPDATE ON tickets
    FOR EACH ROW
    WHEN ((OLD.team_id, OLD.customer_id, OLD.severity, OLD.plan, OLD.created_at, OLD.is_open,
           OLD.first_response_outcome, OLD.acknowledged_at, OLD.first_response_due,
           OLD.resolution_outcome, OLD.resolved_at, OLD.last_public_reply_at,
           OLD.resolution_due, OLD.waiting_since, OLD.update_due)
          IS DISTINCT FROM
          (NEW.team_id, NEW.customer_id, NEW.severity, NEW.plan, NEW.created_at, NEW.is_open,
           NEW.first_response_outcome, NEW.acknowledged_at, NEW.first_response_due,
           NEW.resolution_outcome, NEW.resolved_at, NEW.last_public_reply_at,
           NEW.resolution_due, NEW.waiting_since, NEW.update_due))
    EXECUTE FUNCTION tickets_dashboard();

-- 700's, whole: the pending updates (720).
-- Recounts every rollup from the tickets, the stored cadence outcomes and
-- the resolutions reopens took back, and the pending deadlines
-- (set-based: used after bulk loads with triggers off, and when the
-- report zone changes). Owner only.
CREATE OR REPLACE FUNCTION dashboard_rebuild() RETURNS void
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    z text := report_zone();
BEGIN
    TRUNCATE sla_rollup, sla_rollup_customer, sla_rollup_customer_week, backlog_rollup,
             backlog_rollup_customer, sla_pending, sla_pending_customer, sla_pending_hour,
             sla_pending_customer_hour;
    CREATE TEMP TABLE dashboard_f ON COMMIT DROP AS
    SELECT t.customer_id, t.team_id, t.severity, t.plan, f.kind, f.day, f.met, f.missed
      FROM tickets t
     CROSS JOIN LATERAL (
            SELECT 'first_response'::sla_kind AS kind,
                   (coalesce(t.acknowledged_at, t.first_response_due) AT TIME ZONE z)::date AS day,
                   (t.first_response_outcome = 'met')::int AS met,
                   (t.first_response_outcome = 'missed')::int AS missed
             WHERE t.first_response_outcome IS NOT NULL
            UNION ALL
            SELECT 'resolution', (t.resolved_at AT TIME ZONE z)::date,
                   (t.resolution_outcome = 'met')::int, (t.resolution_outcome = 'missed')::int
             WHERE t.resolution_outcome IS NOT NULL AND t.resolved_at IS NOT NULL) f
    UNION ALL
    SELECT t.customer_id, t.team_id, t.severity, t.plan, 'update', (u.at AT TIME ZONE z)::date,
           (u.outcome = 'met')::int, (u.outcome = 'missed')::int
      FROM sla_update_outcomes u JOIN tickets t ON t.id = u.ticket_id
    UNION ALL
    SELECT t.customer_id, t.team_id, t.severity, t.plan, 'resolution', (h.at AT TIME ZONE z)::date,
           (h.outcome = 'met')::int, (h.outcome = 'missed')::int
      FROM sla_resolution_outcomes h JOIN tickets t ON t.id = h.ticket_id;
    INSERT INTO sla_rollup (day, team_id, severity, plan, kind, met, missed)
    SELECT day, team_id, severity, plan, kind, sum(met), sum(missed)
      FROM dashboard_f GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO sla_rollup_customer (week, customer_id, team_id, severity, plan, kind, met, missed)
    SELECT date_trunc('week', day)::date, customer_id, team_id, severity, plan, kind, sum(met), sum(missed)
      FROM dashboard_f GROUP BY 1, 2, 3, 4, 5, 6;
    INSERT INTO sla_rollup_customer_week (week, customer_id, kind, met, missed)
    SELECT date_trunc('week', day)::date, customer_id, kind, sum(met), sum(missed)
      FROM dashboard_f GROUP BY 1, 2, 3;
    DROP TABLE dashboard_f;
    INSERT INTO backlog_rollup (day, team_id, severity, plan, open)
    SELECT (t.created_at AT TIME ZONE z)::date, t.team_id, t.severity, t.plan, count(*)
      FROM tickets t WHERE t.is_open GROUP BY 1, 2, 3, 4;
    INSERT INTO backlog_rollup_customer (customer_id, day, team_id, severity, plan, open)
    SELECT t.customer_id, (t.created_at AT TIME ZONE z)::date, t.team_id, t.severity, t.plan, count(*)
      FROM tickets t WHERE t.is_open GROUP BY 1, 2, 3, 4, 5;
    -- the pending deadlines (700), by the rule of dashboard_facts
    CREATE TEMP TABLE dashboard_p ON COMMIT DROP AS
    SELECT t.customer_id, (p.due AT TIME ZONE z)::date AS day,
           date_bin('1 hour', p.due, timestamptz '2000-01-01 00:00+00') AS hour,
           t.team_id, t.severity, t.plan, p.kind, count(*)::int AS pending
      FROM tickets t
     CROSS JOIN LATERAL (
            SELECT 'first_response'::sla_kind AS kind, t.first_response_due AS due
             WHERE t.first_response_outcome IS NULL AND t.acknowledged_at IS NULL
               AND t.resolved_at IS NULL AND t.first_response_due IS NOT NULL
            UNION ALL
            SELECT 'resolution', t.resolution_due
             WHERE t.resolved_at IS NULL AND t.resolution_due IS NOT NULL
               AND (t.waiting_since IS NULL OR t.waiting_since >= t.resolution_due)
            UNION ALL
            -- the update an open emergency owes (720)
            SELECT 'update', t.update_due
             WHERE t.resolved_at IS NULL AND t.update_due IS NOT NULL) p
     WHERE t.is_open
     GROUP BY 1, 2, 3, 4, 5, 6, 7;
    INSERT INTO sla_pending_customer (customer_id, day, team_id, severity, plan, kind, pending)
    SELECT customer_id, day, team_id, severity, plan, kind, sum(pending)
      FROM dashboard_p GROUP BY 1, 2, 3, 4, 5, 6;
    INSERT INTO sla_pending (day, team_id, severity, plan, kind, pending)
    SELECT day, team_id, severity, plan, kind, sum(pending)
      FROM dashboard_p GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO sla_pending_customer_hour (hour, customer_id, team_id, severity, plan, kind, pending)
    SELECT hour, customer_id, team_id, severity, plan, kind, sum(pending)
      FROM dashboard_p GROUP BY 1, 2, 3, 4, 5, 6;
    INSERT INTO sla_pending_hour (hour, team_id, severity, plan, kind, pending)
    SELECT hour, team_id, severity, plan, kind, sum(pending)
      FROM dashboard_p GROUP BY 1, 2, 3, 4, 5;
    DROP TABLE dashboard_p;
    -- live escalations per level (160_escalation_rollup.sql)
    PERFORM escalation_rollup_rebuild();
END
$$;

-- 700's, whole: a ticket inserted with an update due (one acknowledged
-- at insert, as imports do) writes its pending update too (720).
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
    SELECT cu.name, (SELECT concat_ws(' ', co.name, co.email) FROM contacts co WHERE co.id = NEW.contact_id)
      INTO v_customer, v_contact
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
    IF NEW.is_open OR NEW.first_response_outcome IS NOT NULL OR NEW.resolution_outcome IS NOT NULL THEN
        -- report_zone(), read inline (a call of it is planned per transaction)
        z := coalesce((SELECT c.time_zone FROM calendars c WHERE c.is_default), 'UTC');
    END IF;
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

DROP FUNCTION report_sla(date, date, text, text, text, int, text, int);

-- SLA attainment per group: met and missed of each clock, and the share met
-- (percent, one decimal; NULL when nothing was decided). For severity rows,
-- `clock` is the clock of its first-response target (wall = round the
-- clock, business, or mixed when the plans differ). Groups by team and
-- customer come most breaches first (then by key); `max_rows` keeps the first ones.
-- first_response_past_due, resolution_past_due and update_past_due (720,
-- last): the deadlines of that clock past due now and not decided, on the
-- day each passed (see 640): the pending deadlines (700) of the period's
-- days before today and of today's whole hours past, and the rest of
-- today counted live up to now.
CREATE FUNCTION report_sla(p_from date, p_to date, p_by text, p_team text DEFAULT NULL,
                           p_plan text DEFAULT NULL, p_severity int DEFAULT NULL,
                           p_customer text DEFAULT NULL, max_rows int DEFAULT NULL)
    RETURNS TABLE (key text, name text, clock text,
                   first_response_met bigint, first_response_missed bigint, first_response_pct numeric,
                   update_met bigint, update_missed bigint, update_pct numeric,
                   resolution_met bigint, resolution_missed bigint, resolution_pct numeric,
                   first_response_past_due bigint, resolution_past_due bigint, update_past_due bigint)
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    f      report_filter := report_args(p_from, p_to, p_by, p_team, p_plan, p_severity, p_customer);
    v_cust boolean := f.customer_id IS NOT NULL OR p_by = 'customer';
    -- by customer (or for one) with no team, plan or severity filter and
    -- no grouping by them: the narrow weekly table does
    v_narrow boolean := v_cust AND p_by IN ('customer', 'week', 'total')
                        AND f.team_id IS NULL AND f.plan IS NULL AND f.severity IS NULL;
    z      text := report_zone();
    v_now  timestamptz := tt_now();
    -- the instants the period covers (a customer's: whole weeks)
    v_lo   timestamptz := (CASE WHEN v_cust THEN date_trunc('week', f.date_from)::date ELSE f.date_from END)
                          ::timestamp AT TIME ZONE z;
    v_hi   timestamptz := (CASE WHEN v_cust THEN date_trunc('week', f.date_to)::date + 7 ELSE f.date_to + 1 END)
                          ::timestamp AT TIME ZONE z;
    -- today (report zone): the deadlines of the days before, all passed,
    -- are the daily pending rollups'; today's, from its start (or the
    -- period's) to now, are the hourly ones' for the whole (UTC) hours
    -- past, and counted live for the rest: the hour now running, and in a
    -- zone off by a half hour the part of today before its first whole hour
    v_today date := (v_now AT TIME ZONE z)::date;
    v_l    timestamptz := greatest(v_today::timestamp AT TIME ZONE z, v_lo);
    v_h    timestamptz := least(v_hi, v_now + interval '1 microsecond');
    v_cl   timestamptz := date_bin('1 hour', v_l - interval '1 microsecond', timestamptz '2000-01-01 00:00+00')
                          + interval '1 hour';     -- the first whole hour's start
    v_fl   timestamptz := date_bin('1 hour', v_h, timestamptz '2000-01-01 00:00+00');   -- the hour running
BEGIN
    RETURN QUERY
    WITH spans AS (
        -- where the past-due deadlines are counted live: today's part of
        -- the period before its first whole hour, and the hour running up
        -- to now (none when the period does not hold today)
        SELECT v_l AS lo, least(v_cl, v_h) AS hi WHERE v_l < least(v_cl, v_h)
        UNION ALL
        SELECT greatest(v_fl, v_cl), v_h WHERE greatest(v_fl, v_cl) < v_h
    ), src AS (
        SELECT r.day, r.team_id, r.severity, r.plan, NULL::int AS customer_id, r.kind, r.met, r.missed,
               0 AS due
          FROM sla_rollup r
         WHERE NOT v_cust AND r.day BETWEEN f.date_from AND f.date_to
        UNION ALL
        SELECT r.week, r.team_id, r.severity, r.plan, r.customer_id, r.kind, r.met, r.missed, 0
          FROM sla_rollup_customer r
         WHERE v_cust AND NOT v_narrow
           AND r.week BETWEEN date_trunc('week', f.date_from)::date AND f.date_to
           AND (f.customer_id IS NULL OR r.customer_id = f.customer_id)
        UNION ALL
        SELECT r.week, NULL, NULL, NULL, r.customer_id, r.kind, r.met, r.missed, 0
          FROM sla_rollup_customer_week r
         WHERE v_narrow AND r.week BETWEEN date_trunc('week', f.date_from)::date AND f.date_to
           AND (f.customer_id IS NULL OR r.customer_id = f.customer_id)
        UNION ALL
        -- past due, the days before today: the pending deadlines of those
        -- days (700), by day, not by customer
        SELECT r.day, r.team_id, r.severity, r.plan, NULL::int, r.kind, 0, 0, r.pending
          FROM sla_pending r
         WHERE NOT v_cust AND r.day >= f.date_from AND r.day <= f.date_to AND r.day < v_today
        UNION ALL
        -- ... by customer (whole weeks)
        SELECT r.day, r.team_id, r.severity, r.plan, r.customer_id, r.kind, 0, 0, r.pending
          FROM sla_pending_customer r
         WHERE v_cust AND r.day >= date_trunc('week', f.date_from)::date
           AND r.day < date_trunc('week', f.date_to)::date + 7 AND r.day < v_today
           AND (f.customer_id IS NULL OR r.customer_id = f.customer_id)
        UNION ALL
        -- past due today, the whole hours past: the hourly pending rollups
        SELECT v_today, r.team_id, r.severity, r.plan, NULL::int, r.kind, 0, 0, r.pending
          FROM sla_pending_hour r
         WHERE NOT v_cust AND r.hour >= v_cl AND r.hour < v_fl
        UNION ALL
        SELECT v_today, r.team_id, r.severity, r.plan, r.customer_id, r.kind, 0, 0, r.pending
          FROM sla_pending_customer_hour r
         WHERE v_cust AND r.hour >= v_cl AND r.hour < v_fl
           AND (f.customer_id IS NULL OR r.customer_id = f.customer_id)
        UNION ALL
        -- past due today, the rest, not answered: tickets_first_response_past_due_idx,
        -- one range scan per span, counted per key here
        SELECT v_today, d.team_id, d.severity, d.plan, d.customer_id, 'first_response', 0, 0, d.n
          FROM spans p
         CROSS JOIN LATERAL (
                SELECT t.team_id, t.severity, t.plan, CASE WHEN v_cust THEN t.customer_id END AS customer_id,
                       count(*)::int AS n
                  FROM tickets t
                 WHERE t.is_open AND t.first_response_outcome IS NULL AND t.acknowledged_at IS NULL
                   AND t.resolved_at IS NULL
                   AND t.first_response_due >= p.lo AND t.first_response_due < p.hi
                   AND (f.customer_id IS NULL OR t.customer_id = f.customer_id)
                   AND (f.team_id IS NULL OR t.team_id = f.team_id)
                   AND (f.plan IS NULL OR t.plan = f.plan)
                   AND (f.severity IS NULL OR t.severity = f.severity)
                 GROUP BY 1, 2, 3, 4) d
        UNION ALL
        -- past due today, not resolved (the clock frozen while waiting on
        -- the customer): tickets_resolution_past_due_idx
        SELECT v_today, d.team_id, d.severity, d.plan, d.customer_id, 'resolution', 0, 0, d.n
          FROM spans p
         CROSS JOIN LATERAL (
                SELECT t.team_id, t.severity, t.plan, CASE WHEN v_cust THEN t.customer_id END AS customer_id,
                       count(*)::int AS n
                  FROM tickets t
                 WHERE t.is_open AND t.resolved_at IS NULL
                   AND t.resolution_due >= p.lo AND t.resolution_due < p.hi
                   AND (t.waiting_since IS NULL OR t.waiting_since >= t.resolution_due)
                   AND (f.customer_id IS NULL OR t.customer_id = f.customer_id)
                   AND (f.team_id IS NULL OR t.team_id = f.team_id)
                   AND (f.plan IS NULL OR t.plan = f.plan)
                   AND (f.severity IS NULL OR t.severity = f.severity)
                 GROUP BY 1, 2, 3, 4) d
        UNION ALL
        -- past due today, the emergency's update not given (720):
        -- tickets_update_past_due_idx
        SELECT v_today, d.team_id, d.severity, d.plan, d.customer_id, 'update', 0, 0, d.n
          FROM spans p
         CROSS JOIN LATERAL (
                SELECT t.team_id, t.severity, t.plan, CASE WHEN v_cust THEN t.customer_id END AS customer_id,
                       count(*)::int AS n
                  FROM tickets t
                 WHERE t.is_open AND t.resolved_at IS NULL
                   AND t.update_due >= p.lo AND t.update_due < p.hi
                   AND (f.customer_id IS NULL OR t.customer_id = f.customer_id)
                   AND (f.team_id IS NULL OR t.team_id = f.team_id)
                   AND (f.plan IS NULL OR t.plan = f.plan)
                   AND (f.severity IS NULL OR t.severity = f.severity)
                 GROUP BY 1, 2, 3, 4) d
    ), n AS (
        -- summed first by the group's own value (a date, an id: cheap to
        -- hash), then keyed and named per group, not per rollup row
        -- (12 weeks are ~5,700 rollup rows; the Monday is date arithmetic,
        -- equal to date_trunc('week', day)::date without a zone conversion)
        SELECT CASE WHEN p_by = 'week' THEN s.day - ((s.day - date '2000-01-03') % 7 + 7) % 7 END AS w,
               CASE WHEN p_by = 'team' THEN s.team_id END AS team_id,
               CASE WHEN p_by = 'customer' THEN s.customer_id END AS customer_id,
               CASE WHEN p_by = 'severity' THEN s.severity END AS severity,
               CASE WHEN p_by = 'plan' THEN s.plan END AS plan,
               sum(s.met) FILTER (WHERE s.kind = 'first_response') AS fm,
               sum(s.missed) FILTER (WHERE s.kind = 'first_response') AS fx,
               sum(s.met) FILTER (WHERE s.kind = 'update') AS um,
               sum(s.missed) FILTER (WHERE s.kind = 'update') AS ux,
               sum(s.met) FILTER (WHERE s.kind = 'resolution') AS rm,
               sum(s.missed) FILTER (WHERE s.kind = 'resolution') AS rx,
               sum(s.due) FILTER (WHERE s.kind = 'first_response') AS fd,
               sum(s.due) FILTER (WHERE s.kind = 'resolution') AS rd,
               sum(s.due) FILTER (WHERE s.kind = 'update') AS ud
          FROM src s
         WHERE (f.team_id IS NULL OR s.team_id = f.team_id)
           AND (f.plan IS NULL OR s.plan = f.plan)
           AND (f.severity IS NULL OR s.severity = f.severity)
         GROUP BY 1, 2, 3, 4, 5
    ), g AS (
        SELECT CASE p_by WHEN 'week' THEN n.w::text
                         WHEN 'team' THEN (SELECT t.key FROM teams t WHERE t.id = n.team_id)
                         WHEN 'customer' THEN n.customer_id::text
                         WHEN 'severity' THEN n.severity::text
                         WHEN 'plan' THEN n.plan::text
                         ELSE '' END AS k,
               sum(n.fm) AS fm, sum(n.fx) AS fx, sum(n.um) AS um, sum(n.ux) AS ux,
               sum(n.rm) AS rm, sum(n.rx) AS rx, sum(n.fd) AS fd, sum(n.rd) AS rd, sum(n.ud) AS ud
          FROM n
         GROUP BY 1
    ), keys AS (
        -- every week of the period and every severity, even without figures
        SELECT w.w::date::text AS k
          FROM generate_series(date_trunc('week', f.date_from), f.date_to, interval '1 week') AS w(w)
         WHERE p_by = 'week'
        UNION
        SELECT s.level::text FROM severities s WHERE p_by = 'severity'
        UNION
        SELECT '' WHERE p_by = 'total'
        UNION
        SELECT g.k FROM g WHERE p_by NOT IN ('week', 'severity', 'total')
    ), rows AS (
        SELECT k.k, coalesce(g.fm, 0)::bigint AS fm, coalesce(g.fx, 0)::bigint AS fx,
               coalesce(g.um, 0)::bigint AS um, coalesce(g.ux, 0)::bigint AS ux,
               coalesce(g.rm, 0)::bigint AS rm, coalesce(g.rx, 0)::bigint AS rx,
               coalesce(g.fd, 0)::bigint AS fd, coalesce(g.rd, 0)::bigint AS rd,
               coalesce(g.ud, 0)::bigint AS ud
          FROM keys k LEFT JOIN g ON g.k = k.k
    )
    , top AS (
        -- the kept groups first, named afterwards (one lookup per kept row)
        SELECT r.*, row_number() OVER (
                   ORDER BY CASE WHEN p_by IN ('team', 'customer') THEN -(r.fx + r.ux + r.rx + r.fd + r.rd + r.ud) END,
                            CASE WHEN p_by = 'severity' THEN r.k::int END,
                            CASE WHEN p_by = 'customer' THEN lpad(r.k, 12, '0') ELSE r.k END) AS pos
          FROM rows r
         ORDER BY pos
         LIMIT max_rows
    )
    SELECT r.k, report_name(p_by, r.k),
           CASE WHEN p_by = 'severity' THEN
                (SELECT CASE WHEN bool_and(t.clock = 'wall') THEN 'wall'
                             WHEN bool_and(t.clock = 'business') THEN 'business' ELSE 'mixed' END
                   FROM sla_targets t
                  WHERE t.kind = 'first_response' AND t.severity::text = r.k
                    AND (f.plan IS NULL OR t.plan = f.plan)) END,
           r.fm, r.fx, round(100.0 * r.fm / nullif(r.fm + r.fx, 0), 1),
           r.um, r.ux, round(100.0 * r.um / nullif(r.um + r.ux, 0), 1),
           r.rm, r.rx, round(100.0 * r.rm / nullif(r.rm + r.rx, 0), 1),
           r.fd, r.rd, r.ud
      FROM top r
     ORDER BY r.pos;
END
$$;

-- the pending updates of the tickets there are
SELECT dashboard_rebuild();
