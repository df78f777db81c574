-- 660_update_cadence_start.sql: the emergency update cadence starts when
-- the ticket becomes an emergency (DESIGN.md §6: "while open, a public
-- update is due every 2 hours round the clock after the last public
-- reply").
--   * A re-triage from severity 2-4 to 1 took the cadence from the last
--     public reply (or the acknowledgement), sent while the ticket was no
--     emergency: a ticket answered at 09:30 and made severity 1 at 14:00
--     had its update due at 11:30, read breached on the queue the moment
--     it became one, and its next reply counted a missed update. Nobody
--     owed an emergency update before the ticket was one: the next update
--     is now due one cadence after the move (14:00 + 2 h = 16:00), and
--     from then on the cadence runs from each public reply as before. The
--     same holds for a move back to severity 1 after a move away (each
--     move is audited with its reason and notifies like an emergency).
--   * A move away from severity 1 stops the cadence (update_due NULL, as
--     before); the queue's deadline (queue_due) follows both ways.
--   * tickets.update_from (new, trigger-owned) keeps the instant the
--     cadence last started over: the move to severity 1, or a reopen
--     (010 restarted the cadence at a reopen, but only in the statement
--     that reopened: the next status change fell back to the resolution
--     message and the update read overdue). The cadence base is the last
--     public reply, or the acknowledgement before any reply, but not
--     before update_from; still none before the first response.
--   * 490's tickets_sla_update and 011's ticket_deadlines (its update
--     row's started_at) are replaced whole. Existing tickets keep
--     update_from NULL: their deadlines do not move.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE tickets ADD COLUMN update_from timestamptz;
COMMENT ON COLUMN tickets.update_from IS
    'The instant the severity-1 update cadence last started over (the move to severity 1, a reopen): '
    'the cadence runs from the last public reply or the acknowledgement, not before it. '
    'Kept by tickets_sla_update() (660).';

-- 490's, whole: update_from kept and read.
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
    IF NEW.severity IS DISTINCT FROM OLD.severity OR NEW.plan IS DISTINCT FROM OLD.plan THEN
        IF NEW.resolution_outcome IS NULL THEN
            SELECT x.clock INTO v_clock FROM sla_targets x
             WHERE x.kind = 'resolution' AND x.plan = NEW.plan AND x.severity = NEW.severity;
            IF v_clock IS NOT NULL AND v_clock IS DISTINCT FROM NEW.resolution_clock THEN
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
       OR NEW.last_public_reply_at IS DISTINCT FROM OLD.last_public_reply_at
       OR NEW.acknowledged_at IS DISTINCT FROM OLD.acknowledged_at THEN
        NEW := tickets_sla_update_due(NEW, v_base);
    END IF;
    RETURN NEW;
END
$$;

-- 011's, whole: the update row starts where the cadence started.
CREATE OR REPLACE FUNCTION ticket_deadlines(t tickets, at timestamptz DEFAULT tt_now())
    RETURNS TABLE (kind sla_kind, clock sla_clock, minutes int, started_at timestamptz,
                   due timestamptz, paused_secs bigint, outcome sla_outcome,
                   decided_at timestamptz, state text, remaining_secs bigint,
                   risk_at timestamptz)
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_open boolean := t.status NOT IN ('resolved', 'closed');
    v_at   timestamptz;
    v_upd  record;
BEGIN
    -- first response
    kind := 'first_response'; clock := t.first_response_clock; minutes := t.first_response_minutes;
    started_at := t.created_at; due := t.first_response_due; paused_secs := 0;
    outcome := t.first_response_outcome; decided_at := coalesce(t.acknowledged_at, t.resolved_at);
    risk_at := t.first_response_risk_at;
    IF outcome IS NOT NULL THEN
        state := outcome::text;
        remaining_secs := clock_between(t.calendar_id, clock, decided_at, due);
    ELSE
        state := CASE WHEN at >= due THEN 'breached' WHEN at >= risk_at THEN 'at_risk' ELSE 'ok' END;
        remaining_secs := clock_between(t.calendar_id, clock, at, due);
    END IF;
    RETURN NEXT;

    -- resolution
    kind := 'resolution'; clock := t.resolution_clock; minutes := t.resolution_minutes;
    started_at := t.created_at; due := t.resolution_due;
    paused_secs := extract(epoch FROM t.resolution_paused)::bigint;
    outcome := t.resolution_outcome; decided_at := t.resolved_at; risk_at := t.resolution_risk_at;
    v_at := CASE WHEN t.waiting_since IS NOT NULL AND t.waiting_since < at THEN t.waiting_since ELSE at END;
    IF outcome IS NOT NULL THEN
        state := outcome::text;
        remaining_secs := clock_between(t.calendar_id, clock, decided_at, due);
    ELSE
        state := CASE WHEN v_at >= due THEN 'breached' WHEN v_at >= risk_at THEN 'at_risk' ELSE 'ok' END;
        remaining_secs := clock_between(t.calendar_id, clock, v_at, due);
    END IF;
    RETURN NEXT;

    -- update cadence (only while one is due)
    IF t.update_due IS NOT NULL AND v_open THEN
        SELECT s.minutes, s.clock INTO v_upd FROM sla_targets s
         WHERE s.kind = 'update' AND s.plan = t.plan AND s.severity = t.severity;
        kind := 'update'; clock := coalesce(v_upd.clock, 'wall'); minutes := v_upd.minutes;
        -- the cadence base of tickets_sla_update (660)
        started_at := coalesce(t.last_public_reply_at, t.acknowledged_at);
        IF started_at IS NOT NULL AND t.update_from > started_at THEN
            started_at := t.update_from;
        END IF;
        due := t.update_due;
        paused_secs := 0; outcome := NULL; decided_at := NULL; risk_at := t.update_risk_at;
        state := CASE WHEN at >= due THEN 'breached' WHEN at >= risk_at THEN 'at_risk' ELSE 'ok' END;
        remaining_secs := clock_between(t.calendar_id, clock, at, due);
        RETURN NEXT;
    END IF;
END
$$;
