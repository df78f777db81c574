-- 490_sla_retriage_pauses.sql: a re-triage that changes a ticket's
-- resolution clock (severity 2 on business hours to severity 1 round the
-- clock, or back) kept the time the customer had been waited on as the old
-- clock measured it: seven business hours for a wait from Friday noon to
-- Monday 10:00 became seven wall hours, and the ticket read breached the
-- moment it became an emergency. DESIGN §6: the paused time is added back
-- and is not lost when a policy changes. Each wait (sla_pauses) is now
-- measured again on the new clock and resolution_paused follows.
-- tickets_sla_update (010) is replaced whole; its trigger stays.

SELECT set_config('search_path', 'ticketty', true);

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
    v_base := coalesce(NEW.last_public_reply_at, NEW.acknowledged_at);
    IF OLD.status IN ('resolved', 'closed') AND NEW.status NOT IN ('resolved', 'closed') THEN
        v_base := GREATEST(v_base, v_at);   -- reopened: the cadence restarts now
    END IF;
    IF NEW.severity IS DISTINCT FROM OLD.severity OR NEW.status IS DISTINCT FROM OLD.status
       OR NEW.last_public_reply_at IS DISTINCT FROM OLD.last_public_reply_at
       OR NEW.acknowledged_at IS DISTINCT FROM OLD.acknowledged_at THEN
        NEW := tickets_sla_update_due(NEW, v_base);
    END IF;
    RETURN NEW;
END
$$;
