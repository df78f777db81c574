-- 010_sla.sql: the SLA clock and deadlines (DESIGN.md §6).
--
-- WHO OWNS WHICH TICKET COLUMN
--
-- The lifecycle code (api_* functions of other modules) sets ONLY:
--   status, severity, acknowledged_at (on acknowledge), last_public_reply_at
--   (on every public reply), resolved_at (on resolve; back to NULL on
--   reopen), closed_at, updated_at.
--   The moment of a change is taken from NEW.updated_at when the statement
--   changes updated_at, else tt_now(); lifecycle code sets updated_at = tt_now().
--
-- The triggers below own (never write these from other code):
--   first_response_due, first_response_outcome, first_response_clock,
--   first_response_minutes, first_response_risk_at,
--   resolution_due, resolution_paused, resolution_outcome, waiting_since,
--   resolution_clock, resolution_minutes, resolution_risk_at,
--   update_due, update_risk_at, update_missed_count,
--   and the table sla_pauses.
--   An INSERT may supply first_response_due / resolution_due (the demo
--   seeder may); when NULL the BEFORE INSERT trigger computes them.
--
-- Rules:
--   * first response: due = sla_due('first_response', plan, severity,
--     created_at, calendar_id); outcome stored when acknowledged_at is first
--     set (met when acknowledged_at <= due), or at resolution when the ticket
--     is resolved without an acknowledgement.
--   * resolution: due = sla_due('resolution', ...). Entering
--     waiting_customer sets waiting_since and opens a sla_pauses row; leaving
--     it adds the paused time, measured on the resolution target's own clock
--     (business seconds or wall time), to resolution_paused and pushes
--     resolution_due (and resolution_risk_at) on by it. Outcome stored when
--     resolved_at is set; cleared when resolved_at goes back to NULL.
--   * update cadence (severity 1 only, while open): update_due =
--     last public reply (or the acknowledgement before any reply) + cadence.
--     A reply or a resolution that comes after update_due counts one miss in
--     update_missed_count.
--   * severity change: targets re-read for the new severity, from created_at,
--     for every deadline whose outcome is not yet stored (paused time kept).
--   * *_risk_at: the instant at which only 20% of the target is left on the
--     deadline's own clock; before it `ok`, from it `at_risk`, from due on
--     `breached`.
--
-- THE CLOCK
--   calendar_days holds one row per working day of each calendar (opening
--   and closing instants in the calendar's zone, so daylight saving is
--   honoured, and the cumulative business seconds before the day), for
--   2000-01-01 .. 2100-12-31. It is rebuilt by triggers whenever calendars,
--   calendar_hours, holiday_rules or holidays change, so business_add/business_seconds are
--   two index probes each, whatever the span.

SELECT set_config('search_path', 'ticketty', true);

-- ------------------------------------------------------- calendar days --

CREATE TABLE calendar_days (
    calendar_id smallint NOT NULL REFERENCES calendars ON DELETE CASCADE,
    day         date NOT NULL,
    opens_at    timestamptz NOT NULL,
    closes_at   timestamptz NOT NULL,
    secs        bigint NOT NULL CHECK (secs > 0),
    cum_before  bigint NOT NULL,
    PRIMARY KEY (calendar_id, day)
);
CREATE UNIQUE INDEX calendar_days_opens_idx ON calendar_days (calendar_id, opens_at);
CREATE UNIQUE INDEX calendar_days_cum_idx ON calendar_days (calendar_id, cum_before);
COMMENT ON TABLE calendar_days IS
    'Derived from calendars, calendar_hours and holidays: each working day as instants with the business seconds before it. Rebuilt by triggers.';

CREATE FUNCTION calendar_horizon_start() RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT date '2000-01-01' $$;
CREATE FUNCTION calendar_horizon_end() RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT date '2100-12-31' $$;

CREATE TABLE calendar_generations (
    calendar_id smallint PRIMARY KEY REFERENCES calendars ON DELETE CASCADE,
    generation  bigint NOT NULL
);
CREATE SEQUENCE calendar_generation_seq;
COMMENT ON TABLE calendar_generations IS
    'Bumped whenever calendar_days of a calendar is rebuilt; positions stored on tickets name the generation they were measured on.';

-- The holidays of calendar `cal` from `first` to `last` (inclusive): the
-- dates its rules give in those years (a fixed date's observed day may fall
-- in the year before, as 1 January 2028 on Friday 31 December 2027), plus
-- the one-off closed dates, less the one-off working dates. A fixed 29
-- February counts in leap years only; a fifth weekday only where there is one.
CREATE FUNCTION calendar_holidays(cal smallint, first date, last date)
    RETURNS TABLE (day date, name text)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    WITH ruled AS (
        SELECT CASE
                 WHEN r.day IS NULL THEN NULL
                 WHEN NOT r.observed THEN f.d
                 WHEN extract(isodow FROM f.d) = 6 THEN f.d - 1
                 WHEN extract(isodow FROM f.d) = 7 THEN f.d + 1
                 ELSE f.d END AS fixed_day,
               CASE
                 WHEN r.nth > 0 THEN m.first + ((r.isodow - extract(isodow FROM m.first)::int + 7) % 7)
                                             + 7 * (r.nth - 1)
                 WHEN r.nth = -1 THEN m.last - ((extract(isodow FROM m.last)::int - r.isodow + 7) % 7)
               END AS nth_day,
               r.month, r.name
          FROM ticketty.holiday_rules r
         CROSS JOIN generate_series(extract(year FROM first)::int - 1,
                                    extract(year FROM last)::int + 1) AS y(y)
         CROSS JOIN LATERAL (SELECT make_date(y.y, r.month, 1) AS first,
                                    (make_date(y.y, r.month, 1) + interval '1 month - 1 day')::date AS last) m
         CROSS JOIN LATERAL (SELECT CASE WHEN r.day <= extract(day FROM m.last)
                                         THEN make_date(y.y, r.month, r.day) END AS d) f
         WHERE r.calendar_id = cal
    ), dated AS (
        SELECT coalesce(x.fixed_day, x.nth_day) AS day, x.name
          FROM ruled x
         WHERE x.fixed_day IS NOT NULL
            OR (x.nth_day IS NOT NULL AND extract(month FROM x.nth_day) = x.month)
    )
    SELECT d.day, min(d.name)
      FROM (SELECT day, name FROM dated
            UNION ALL
            SELECT h.day, h.name FROM ticketty.holidays h
             WHERE h.calendar_id = cal AND NOT h.working) d
     WHERE d.day BETWEEN first AND last
       AND NOT EXISTS (SELECT 1 FROM ticketty.holidays w
                        WHERE w.calendar_id = cal AND w.day = d.day AND w.working)
     GROUP BY d.day
$$;

-- Recomputes calendar_days of one calendar over the whole horizon and
-- bumps its generation (so positions stored on tickets are re-measured).
CREATE FUNCTION calendar_rebuild(cal smallint) RETURNS void
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_tz text;
BEGIN
    SELECT c.time_zone INTO v_tz FROM calendars c WHERE c.id = cal;
    DELETE FROM calendar_days WHERE calendar_id = cal;
    PERFORM set_config('ticketty.sla_at_cache', '', false);
    IF v_tz IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO calendar_generations (calendar_id, generation)
    VALUES (cal, nextval('calendar_generation_seq'))
    ON CONFLICT (calendar_id) DO UPDATE SET generation = EXCLUDED.generation;
    INSERT INTO calendar_days (calendar_id, day, opens_at, closes_at, secs, cum_before)
    SELECT cal, w.day, w.o, w.c, w.s,
           coalesce(sum(w.s) OVER (ORDER BY w.day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
      FROM (SELECT d.day,
                   (d.day + h.opens) AT TIME ZONE v_tz AS o,
                   (d.day + h.closes) AT TIME ZONE v_tz AS c,
                   extract(epoch FROM ((d.day + h.closes) AT TIME ZONE v_tz)
                                    - ((d.day + h.opens) AT TIME ZONE v_tz))::bigint AS s
              FROM generate_series(calendar_horizon_start(), calendar_horizon_end(),
                                   interval '1 day') AS g(ts)
             CROSS JOIN LATERAL (SELECT g.ts::date AS day) d
              JOIN calendar_hours h
                ON h.calendar_id = cal AND h.isodow = extract(isodow FROM d.day)
             WHERE d.day NOT IN (SELECT x.day FROM calendar_holidays(cal, calendar_horizon_start(),
                                                                       calendar_horizon_end()) x)) w
     WHERE w.s > 0;
END
$$;

-- Rebuilds every calendar after a change to its hours or holidays, unless
-- ticketty.calendar_refresh = off (api_policy_load replaces everything in
-- one transaction and rebuilds once at the end).
CREATE FUNCTION calendar_days_refresh() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF current_setting('ticketty.calendar_refresh', true) = 'off' THEN
        RETURN NULL;
    END IF;
    PERFORM calendar_rebuild(c.id) FROM calendars c;
    DELETE FROM calendar_days d WHERE NOT EXISTS (SELECT 1 FROM calendars c WHERE c.id = d.calendar_id);
    RETURN NULL;
END
$$;

CREATE TRIGGER calendars_refresh_days
    AFTER INSERT OR UPDATE OF time_zone ON calendars
    FOR EACH STATEMENT EXECUTE FUNCTION calendar_days_refresh();
CREATE TRIGGER calendar_hours_refresh_days
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_hours
    FOR EACH STATEMENT EXECUTE FUNCTION calendar_days_refresh();
CREATE TRIGGER holidays_refresh_days
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON holidays
    FOR EACH STATEMENT EXECUTE FUNCTION calendar_days_refresh();
CREATE TRIGGER holiday_rules_refresh_days
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON holiday_rules
    FOR EACH STATEMENT EXECUTE FUNCTION calendar_days_refresh();

-- --------------------------------------------------------------- clock --

-- The clock functions below are on the hot path (once per ticket when
-- seeding, a few times per queue row), so they carry no SET clause (which
-- would cost a configuration save/restore per call) and name their tables
-- with the schema instead.

-- Business seconds of calendar `cal` elapsed from the horizon start up to
-- instant t (fractional). Raises 22008 before the horizon.
CREATE FUNCTION business_position(cal smallint, t timestamptz) RETURNS numeric
    LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
    v_pos numeric;
BEGIN
    SELECT d.cum_before + LEAST(extract(epoch FROM t - d.opens_at), d.secs)
      INTO v_pos
      FROM ticketty.calendar_days d
     WHERE d.calendar_id = cal AND d.opens_at <= t
     ORDER BY d.opens_at DESC
     LIMIT 1;
    IF v_pos IS NULL THEN
        IF t IS NULL OR cal IS NULL THEN
            RETURN NULL;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM ticketty.calendar_days d WHERE d.calendar_id = cal) THEN
            RAISE EXCEPTION 'calendar % has no working time', cal
                USING ERRCODE = '22023', HINT = 'Give the calendar opening hours.';
        END IF;
        IF t >= ticketty.calendar_horizon_start() THEN
            RETURN 0;  -- before the first opening of the horizon
        END IF;
        RAISE EXCEPTION 'instant % is outside the business calendar (% .. %)',
                        t, ticketty.calendar_horizon_start(), ticketty.calendar_horizon_end()
            USING ERRCODE = '22008';
    END IF;
    RETURN v_pos;
END
$$;

-- The earliest instant whose business position is `pos` (pos > 0): inside
-- the working day holding it, closing time included.
CREATE FUNCTION business_at(cal smallint, pos numeric) RETURNS timestamptz
    LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
    v_at timestamptz;
BEGIN
    SELECT d.opens_at + make_interval(secs => (pos - d.cum_before)::double precision)
      INTO v_at
      FROM ticketty.calendar_days d
     WHERE d.calendar_id = cal AND d.cum_before < ceil(pos)::bigint
       AND d.cum_before + d.secs >= pos
     ORDER BY d.cum_before DESC
     LIMIT 1;
    IF v_at IS NULL AND pos IS NOT NULL AND cal IS NOT NULL THEN
        RAISE EXCEPTION 'business time runs past the end of the business calendar (%)',
                        ticketty.calendar_horizon_end()
            USING ERRCODE = '22008';
    END IF;
    RETURN v_at;
END
$$;

-- Business seconds in [a, b) (0 when b <= a).
CREATE FUNCTION business_seconds(cal smallint, a timestamptz, b timestamptz) RETURNS bigint
    LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
BEGIN
    IF a IS NULL OR b IS NULL OR cal IS NULL THEN
        RETURN NULL;
    END IF;
    IF b <= a THEN
        RETURN 0;
    END IF;
    RETURN floor(ticketty.business_position(cal, b) - ticketty.business_position(cal, a))::bigint;
END
$$;

-- The earliest instant at which the business time elapsed since `start`
-- equals `secs` (so a target may end exactly at closing time; a start
-- outside opening hours counts from the next opening).
CREATE FUNCTION business_add(cal smallint, start timestamptz, secs bigint) RETURNS timestamptz
    LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
BEGIN
    IF cal IS NULL OR start IS NULL OR secs IS NULL THEN
        RETURN NULL;
    END IF;
    IF secs < 0 THEN
        RAISE EXCEPTION 'business_add: negative duration %', secs USING ERRCODE = '22023';
    END IF;
    IF secs = 0 THEN
        RETURN start;
    END IF;
    RETURN ticketty.business_at(cal, ticketty.business_position(cal, start) + secs);
END
$$;

-- Adds `secs` on the given clock.
CREATE FUNCTION clock_add(cal smallint, clock ticketty.sla_clock, start timestamptz, secs bigint)
    RETURNS timestamptz
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT CASE clock WHEN 'wall' THEN start + make_interval(secs => secs::double precision)
                      ELSE ticketty.business_add(cal, start, secs) END
$$;

-- Signed time from a to b on the given clock (negative when b < a).
CREATE FUNCTION clock_between(cal smallint, clock ticketty.sla_clock, a timestamptz, b timestamptz)
    RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN clock = 'wall' THEN floor(extract(epoch FROM b - a))::bigint
                WHEN b >= a THEN ticketty.business_seconds(cal, a, b)
                ELSE -ticketty.business_seconds(cal, b, a) END
$$;

-- ------------------------------------------------------------- targets --

CREATE FUNCTION sla_target(kind ticketty.sla_kind, plan ticketty.plan_kind, severity smallint,
                           OUT minutes int, OUT clock ticketty.sla_clock)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT t.minutes, t.clock FROM ticketty.sla_targets t
     WHERE t.kind = sla_target.kind AND t.plan = sla_target.plan AND t.severity = sla_target.severity
$$;

-- The due instant of a target started at `start` (NULL when no such target).
CREATE FUNCTION sla_due(kind sla_kind, plan plan_kind, severity smallint, start timestamptz,
                        cal smallint DEFAULT default_calendar_id()) RETURNS timestamptz
    LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
    v_min int;
    v_clk ticketty.sla_clock;
BEGIN
    SELECT t.minutes, t.clock INTO v_min, v_clk
      FROM ticketty.sla_targets t
     WHERE t.kind = sla_due.kind AND t.plan = sla_due.plan AND t.severity = sla_due.severity;
    IF v_min IS NULL THEN
        RETURN NULL;
    ELSIF v_clk = 'wall' THEN
        RETURN start + make_interval(mins => v_min);
    END IF;
    RETURN ticketty.business_add(cal, start, v_min * 60::bigint);
END
$$;

-- The instant at which 20% of a target of `minutes` is left before `due`
-- (the at_risk threshold), on the target's clock.
CREATE FUNCTION sla_risk_at(cal smallint, clock ticketty.sla_clock, start timestamptz, minutes int)
    RETURNS timestamptz
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT ticketty.clock_add(cal, clock, start, ceil(minutes * 60 * 0.8)::bigint)
$$;

-- An instant as ISO 8601 in a zone, to the second, with its offset:
-- 2026-11-23T16:00:00-05:00.
CREATE FUNCTION iso_in_zone(t timestamptz, tz text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT to_char(t AT TIME ZONE tz, 'YYYY-MM-DD"T"HH24:MI:SS')
           || CASE WHEN o < interval '0' THEN '-' ELSE '+' END
           || to_char(abs(extract(epoch FROM o))::int / 3600, 'FM00') || ':'
           || to_char(abs(extract(epoch FROM o))::int % 3600 / 60, 'FM00')
      FROM (SELECT (t AT TIME ZONE tz) - (t AT TIME ZONE 'UTC') AS o) x
$$;

-- ------------------------------------------------------ ticket columns --

COMMENT ON COLUMN tickets.first_response_risk_at IS 'When only 20% of the first-response target is left (at_risk from then on).';
COMMENT ON COLUMN tickets.resolution_paused IS 'Time spent waiting on the customer, on the resolution clock, added to resolution_due.';

CREATE TABLE sla_pauses (
    id          bigserial PRIMARY KEY,
    ticket_id   bigint NOT NULL REFERENCES tickets,
    started_at  timestamptz NOT NULL,
    ended_at    timestamptz,
    clock       sla_clock NOT NULL,
    paused_secs bigint CHECK (paused_secs >= 0),
    CHECK ((ended_at IS NULL) = (paused_secs IS NULL))
);
CREATE INDEX sla_pauses_ticket_idx ON sla_pauses (ticket_id, started_at);
CREATE UNIQUE INDEX sla_pauses_one_open ON sla_pauses (ticket_id) WHERE ended_at IS NULL;
COMMENT ON TABLE sla_pauses IS 'Each period a ticket waited on the customer, with the resolution time it added back.';

-- ------------------------------------------------------------ triggers --

-- `start` + `secs` on `clock`; `pos` caches the business position of
-- `start` across calls (NULL until first needed).
CREATE FUNCTION clock_add_cached(cal smallint, clock ticketty.sla_clock, start timestamptz,
                                 INOUT pos numeric, secs bigint, OUT due timestamptz)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
BEGIN
    IF clock = 'wall' THEN
        due := start + make_interval(secs => secs::double precision);
    ELSIF secs = 0 THEN
        due := start;
    ELSE
        IF pos IS NULL THEN
            pos := ticketty.business_position(cal, start);
        END IF;
        due := ticketty.business_at(cal, pos + secs);
    END IF;
END
$$;

-- Sets first-response and resolution target columns from the policy for
-- the ticket's current plan/severity (only the deadlines not yet decided);
-- `redo` recomputes the due instants too (severity change). The targets
-- are read here, not through sla_target(): an SQL function called from
-- PL/pgSQL is planned again in every transaction, and this runs for every
-- new ticket.
CREATE FUNCTION tickets_sla_targets(t tickets, redo boolean) RETURNS tickets
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v     record;
    c     record;
    v_pos numeric;   -- business position of created_at, computed once
    v_p   bigint := extract(epoch FROM t.resolution_paused)::bigint;
BEGIN
    IF t.first_response_outcome IS NULL AND (redo OR t.first_response_due IS NULL
                                             OR t.first_response_clock IS NULL) THEN
        SELECT x.minutes, x.clock INTO v FROM sla_targets x
         WHERE x.kind = 'first_response' AND x.plan = t.plan AND x.severity = t.severity;
        IF v.minutes IS NULL THEN
            RAISE EXCEPTION 'no first-response target for plan % severity %', t.plan, t.severity
                USING ERRCODE = 'TT400',
                      DETAIL = E'severity\tno_target\tthere is no first-response target for this plan and severity';
        END IF;
        t.first_response_clock := v.clock;
        t.first_response_minutes := v.minutes;
        IF redo OR t.first_response_due IS NULL THEN
            c := clock_add_cached(t.calendar_id, v.clock, t.created_at, v_pos, v.minutes * 60::bigint);
            v_pos := c.pos;
            t.first_response_due := c.due;
        END IF;
        c := clock_add_cached(t.calendar_id, v.clock, t.created_at, v_pos,
                              ceil(v.minutes * 60 * 0.8)::bigint);
        v_pos := c.pos;
        t.first_response_risk_at := c.due;
    END IF;
    IF t.resolution_outcome IS NULL AND (redo OR t.resolution_due IS NULL
                                         OR t.resolution_clock IS NULL) THEN
        SELECT x.minutes, x.clock INTO v FROM sla_targets x
         WHERE x.kind = 'resolution' AND x.plan = t.plan AND x.severity = t.severity;
        IF v.minutes IS NULL THEN
            RAISE EXCEPTION 'no resolution target for plan % severity %', t.plan, t.severity
                USING ERRCODE = 'TT400',
                      DETAIL = E'severity\tno_target\tthere is no resolution target for this plan and severity';
        END IF;
        t.resolution_clock := v.clock;
        t.resolution_minutes := v.minutes;
        IF redo OR t.resolution_due IS NULL THEN
            c := clock_add_cached(t.calendar_id, v.clock, t.created_at, v_pos,
                                  v.minutes * 60::bigint + v_p);
            v_pos := c.pos;
            t.resolution_due := c.due;
        END IF;
        c := clock_add_cached(t.calendar_id, v.clock, t.created_at, v_pos,
                              ceil(v.minutes * 60 * 0.8)::bigint + v_p);
        t.resolution_risk_at := c.due;
    END IF;
    RETURN t;
END
$$;

-- Sets update_due / update_risk_at for an open severity-1 ticket from
-- `base` (NULL base or no cadence target: no update due).
CREATE FUNCTION tickets_sla_update_due(t tickets, base timestamptz) RETURNS tickets
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v record;
BEGIN
    t.update_due := NULL;
    t.update_risk_at := NULL;
    IF base IS NOT NULL AND t.severity = 1 AND t.status NOT IN ('resolved', 'closed') THEN
        SELECT x.minutes, x.clock INTO v FROM sla_targets x
         WHERE x.kind = 'update' AND x.plan = t.plan AND x.severity = t.severity;
        IF v.minutes IS NOT NULL THEN
            t.update_due := clock_add(t.calendar_id, v.clock, base, v.minutes * 60::bigint);
            t.update_risk_at := sla_risk_at(t.calendar_id, v.clock, base, v.minutes);
        END IF;
    END IF;
    RETURN t;
END
$$;

CREATE FUNCTION tickets_sla_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF NEW.calendar_id IS NULL THEN
        NEW.calendar_id := coalesce((SELECT c.calendar_id FROM customers c WHERE c.id = NEW.customer_id),
                                    default_calendar_id());
    END IF;
    IF NEW.created_at IS NULL THEN
        NEW.created_at := tt_now();
    END IF;
    NEW := tickets_sla_targets(NEW, false);
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
        NEW := tickets_sla_update_due(NEW, coalesce(NEW.last_public_reply_at, NEW.acknowledged_at));
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION tickets_sla_update() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_at     timestamptz := CASE WHEN NEW.updated_at IS DISTINCT FROM OLD.updated_at
                                 THEN NEW.updated_at ELSE tt_now() END;
    v_paused bigint;
    v_base   timestamptz;
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

    -- severity (or plan) change: targets of the undecided deadlines re-read
    IF NEW.severity IS DISTINCT FROM OLD.severity OR NEW.plan IS DISTINCT FROM OLD.plan THEN
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

CREATE TRIGGER tickets_sla_insert
    BEFORE INSERT ON tickets
    FOR EACH ROW EXECUTE FUNCTION tickets_sla_insert();
CREATE TRIGGER tickets_sla_update
    BEFORE UPDATE ON tickets
    FOR EACH ROW EXECUTE FUNCTION tickets_sla_update();

-- An inserted ticket already waiting on the customer gets its pause row
-- from tickets_after_insert (175), the one AFTER INSERT trigger of tickets.

-- --------------------------------------------------------------- state --

CREATE TYPE sla_info AS (
    state          text,
    kind           sla_kind,
    due            timestamptz,
    remaining_secs bigint,
    clock          sla_clock
);

-- The ticket's most urgent open deadline at `at` (worst state first, then
-- earliest due) with the time left on its own clock (negative = overdue),
-- or, when no deadline is open, the first-response outcome (met/missed).
-- While the ticket waits on the customer its resolution clock is frozen at
-- waiting_since. No query on the common path (the business positions that
-- 012_sla_fast.sql stores on the ticket), few statements: each open
-- deadline gets a score (state rank first, earlier due next) and the best
-- one is reported.
CREATE FUNCTION ticket_sla(t tickets, at timestamptz DEFAULT tt_now()) RETURNS sla_info
    -- no SET clause: called for every row of a queue page (see clock functions)
    LANGUAGE plpgsql STABLE PARALLEL UNSAFE
AS $$
DECLARE
    v_res_at timestamptz := CASE WHEN t.waiting_since < at THEN t.waiting_since ELSE at END;
    s1 float8 := CASE WHEN t.first_response_outcome IS NULL AND t.acknowledged_at IS NULL
                           AND t.resolved_at IS NULL AND t.is_open
                      THEN CASE WHEN at >= t.first_response_due THEN 2e11
                                WHEN at >= t.first_response_risk_at THEN 1e11 ELSE 0 END
                           - date_part('epoch', t.first_response_due) END;
    s2 float8 := CASE WHEN t.resolved_at IS NULL AND t.is_open
                      THEN CASE WHEN v_res_at >= t.resolution_due THEN 2e11
                                WHEN v_res_at >= t.resolution_risk_at THEN 1e11 ELSE 0 END
                           - date_part('epoch', t.resolution_due) END;
    s3 float8 := CASE WHEN t.update_due IS NOT NULL
                      THEN CASE WHEN at >= t.update_due THEN 2e11
                                WHEN at >= t.update_risk_at THEN 1e11 ELSE 0 END
                           - date_part('epoch', t.update_due) END;
    v_best  float8 := GREATEST(s1, s2, s3);
    v_kind  ticketty.sla_kind;
    v_due   timestamptz;
    v_clk   ticketty.sla_clock;
    v_from  timestamptz := at;
    v_dpos  numeric;
    v_rem   bigint;
    v_key   text;
    v_cache text;
    v_apos  numeric;
    v_gen   bigint;
    v_diff  numeric;
    c       record;
BEGIN
    IF v_best IS NULL THEN
        RETURN ROW(coalesce(t.first_response_outcome::text, t.resolution_outcome::text, 'met'),
                   'first_response', t.first_response_due, NULL, t.first_response_clock)::ticketty.sla_info;
    ELSIF v_best = s1 THEN
        v_kind := 'first_response'; v_due := t.first_response_due;
        v_clk := t.first_response_clock; v_dpos := t.first_response_due_pos;
    ELSIF v_best = s2 THEN
        v_kind := 'resolution'; v_due := t.resolution_due;
        v_clk := t.resolution_clock; v_dpos := t.resolution_due_pos; v_from := v_res_at;
    ELSE
        v_kind := 'update'; v_due := t.update_due; v_clk := coalesce(t.update_clock, 'wall');
    END IF;
    IF v_clk IS DISTINCT FROM 'business' THEN
        v_rem := floor(date_part('epoch', v_due - v_from));
    ELSIF v_dpos IS NOT NULL AND v_from = at THEN
        -- the cache check is inlined: a nested call costs more than the rest
        v_key := t.calendar_id || '/' || date_part('epoch', at) || '/'
                 || date_part('epoch', statement_timestamp());
        v_cache := current_setting('ticketty.sla_at_cache', true);
        IF split_part(v_cache, ' ', 1) = v_key THEN
            v_apos := split_part(v_cache, ' ', 2)::numeric;
            v_gen := split_part(v_cache, ' ', 3)::bigint;
        ELSE
            c := ticketty.business_position_cached(t.calendar_id, at);
            v_apos := c.pos;
            v_gen := c.generation;
        END IF;
        IF v_gen IS NOT DISTINCT FROM t.sla_generation AND v_apos IS NOT NULL THEN
            v_diff := v_dpos - v_apos;
            v_rem := CASE WHEN v_diff >= 0 THEN floor(v_diff) ELSE -floor(-v_diff) END;
        ELSE
            v_rem := ticketty.clock_between(t.calendar_id, v_clk, v_from, v_due);
        END IF;
    ELSE
        v_rem := ticketty.clock_between(t.calendar_id, v_clk, v_from, v_due);
    END IF;
    -- the score's rank part: epochs of the calendar horizon are far below 5e10
    RETURN ROW(CASE WHEN v_best > 1.5e11 THEN 'breached'
                    WHEN v_best > 0.5e11 THEN 'at_risk' ELSE 'ok' END,
               v_kind, v_due, v_rem, coalesce(v_clk, 'wall'))::ticketty.sla_info;
END
$$;

-- ------------------------------------------------------------ privileges --

REVOKE ALL ON FUNCTION calendar_rebuild(smallint) FROM ticketty_agent;
REVOKE ALL ON FUNCTION calendar_days_refresh() FROM ticketty_agent;
REVOKE ALL ON FUNCTION tickets_sla_targets(tickets, boolean) FROM ticketty_agent;
REVOKE ALL ON FUNCTION clock_add_cached(smallint, sla_clock, timestamptz, numeric, bigint) FROM ticketty_agent;
REVOKE ALL ON FUNCTION tickets_sla_update_due(tickets, timestamptz) FROM ticketty_agent;
REVOKE ALL ON FUNCTION tickets_sla_insert() FROM ticketty_agent;
REVOKE ALL ON FUNCTION tickets_sla_update() FROM ticketty_agent;

-- build the days of the calendars that exist already
SELECT calendar_rebuild(c.id) FROM calendars c;
