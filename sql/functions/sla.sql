-- sql/functions/sla.sql: the business calendar (holiday rules, business
-- time), first-response and resolution deadlines, SLA states and the policy
-- load.
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- calendar_horizon_start
-- The first day calendar_days covers: business positions are counted
-- from its start.
CREATE OR REPLACE FUNCTION calendar_horizon_start() RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT date '2000-01-01' $$;

--- calendar_horizon_end
-- The last day calendar_days covers.
CREATE OR REPLACE FUNCTION calendar_horizon_end() RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT date '2100-12-31' $$;

--- calendar_holidays
-- The holidays of calendar `cal` from `first` to `last` (inclusive): the
-- dates its rules give in those years (a fixed date's observed day may fall
-- in the year before, as 1 January 2028 on Friday 31 December 2027), plus
-- the one-off closed dates, less the one-off working dates. A fixed 29
-- February counts in leap years only; a fifth weekday only where there is one.
CREATE OR REPLACE FUNCTION calendar_holidays(cal smallint, first date, last date)
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

--- calendar_rebuild
-- Recomputes calendar_days of one calendar over the whole horizon and
-- bumps its generation (so positions stored on tickets are re-measured).
CREATE OR REPLACE FUNCTION calendar_rebuild(cal smallint) RETURNS void
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
REVOKE ALL ON FUNCTION calendar_rebuild(smallint) FROM ticketty_agent;

--- calendar_days_refresh
-- Rebuilds every calendar after a change to its hours or holidays, unless
-- ticketty.calendar_refresh = off (api_policy_load replaces everything in
-- one transaction and rebuilds once at the end).
CREATE OR REPLACE FUNCTION calendar_days_refresh() RETURNS trigger
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
REVOKE ALL ON FUNCTION calendar_days_refresh() FROM ticketty_agent;

--- business_position
-- Business seconds of calendar `cal` elapsed from the horizon start up to
-- instant t (fractional). Raises 22008 before the horizon.
CREATE OR REPLACE FUNCTION business_position(cal smallint, t timestamptz) RETURNS numeric
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

--- business_at
-- The earliest instant whose business position is `pos` (pos > 0): inside
-- the working day holding it, closing time included.
CREATE OR REPLACE FUNCTION business_at(cal smallint, pos numeric) RETURNS timestamptz
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

--- business_seconds
-- Business seconds in [a, b) (0 when b <= a).
CREATE OR REPLACE FUNCTION business_seconds(cal smallint, a timestamptz, b timestamptz) RETURNS bigint
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

--- business_add
-- The earliest instant at which the business time elapsed since `start`
-- equals `secs` (so a target may end exactly at closing time; a start
-- outside opening hours counts from the next opening).
CREATE OR REPLACE FUNCTION business_add(cal smallint, start timestamptz, secs bigint) RETURNS timestamptz
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

--- clock_add
-- Adds `secs` on the given clock.
CREATE OR REPLACE FUNCTION clock_add(cal smallint, clock ticketty.sla_clock, start timestamptz, secs bigint)
    RETURNS timestamptz
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT CASE clock WHEN 'wall' THEN start + make_interval(secs => secs::double precision)
                      ELSE ticketty.business_add(cal, start, secs) END
$$;

--- clock_between
-- Signed time from a to b on the given clock (negative when b < a).
CREATE OR REPLACE FUNCTION clock_between(cal smallint, clock ticketty.sla_clock, a timestamptz, b timestamptz)
    RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN clock = 'wall' THEN floor(extract(epoch FROM b - a))::bigint
                WHEN b >= a THEN ticketty.business_seconds(cal, a, b)
                ELSE -ticketty.business_seconds(cal, b, a) END
$$;

--- sla_target
-- The target of `kind` (its minutes and clock) for a plan and severity;
-- no row when the policy has none. Plain SQL without SET, names with
-- their schema: inlined where it is used.
CREATE OR REPLACE FUNCTION sla_target(kind ticketty.sla_kind, plan ticketty.plan_kind, severity smallint,
                           OUT minutes int, OUT clock ticketty.sla_clock)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT t.minutes, t.clock FROM ticketty.sla_targets t
     WHERE t.kind = sla_target.kind AND t.plan = sla_target.plan AND t.severity = sla_target.severity
$$;

--- sla_due
-- The due instant of a target started at `start` (NULL when no such target).
CREATE OR REPLACE FUNCTION sla_due(kind sla_kind, plan plan_kind, severity smallint, start timestamptz,
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

--- sla_risk_at
-- The instant at which 20% of a target of `minutes` is left before `due`
-- (the at_risk threshold), on the target's clock.
CREATE OR REPLACE FUNCTION sla_risk_at(cal smallint, clock ticketty.sla_clock, start timestamptz, minutes int)
    RETURNS timestamptz
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT ticketty.clock_add(cal, clock, start, ceil(minutes * 60 * 0.8)::bigint)
$$;

--- iso_in_zone
-- An instant as ISO 8601 in a zone, to the second, with its offset:
-- 2026-11-23T16:00:00-05:00.
CREATE OR REPLACE FUNCTION iso_in_zone(t timestamptz, tz text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT to_char(t AT TIME ZONE tz, 'YYYY-MM-DD"T"HH24:MI:SS')
           || CASE WHEN o < interval '0' THEN '-' ELSE '+' END
           || to_char(abs(extract(epoch FROM o))::int / 3600, 'FM00') || ':'
           || to_char(abs(extract(epoch FROM o))::int % 3600 / 60, 'FM00')
      FROM (SELECT (t AT TIME ZONE tz) - (t AT TIME ZONE 'UTC') AS o) x
$$;

--- clock_add_cached
-- `start` + `secs` on `clock`; `pos` caches the business position of
-- `start` across calls (NULL until first needed).
CREATE OR REPLACE FUNCTION clock_add_cached(cal smallint, clock ticketty.sla_clock, start timestamptz,
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
REVOKE ALL ON FUNCTION clock_add_cached(smallint, sla_clock, timestamptz, numeric, bigint) FROM ticketty_agent;

--- tickets_sla_targets
-- Sets first-response and resolution target columns from the policy for
-- the ticket's current plan/severity (only the deadlines not yet decided;
-- TT400 when the policy has no target); `redo` recomputes the due
-- instants too, from created_at on the ticket's calendar (a change of
-- terms: severity, plan, calendar or policy). The targets are read here,
-- not through sla_target(): an SQL function called from PL/pgSQL is
-- planned again in every transaction, and this runs for every new ticket.
CREATE OR REPLACE FUNCTION tickets_sla_targets(t tickets, redo boolean) RETURNS tickets
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
REVOKE ALL ON FUNCTION tickets_sla_targets(tickets, boolean) FROM ticketty_agent;

--- tickets_sla_update_due
-- Sets update_due / update_risk_at for an open severity-1 ticket from
-- `base` (NULL base or no cadence target: no update due).
CREATE OR REPLACE FUNCTION tickets_sla_update_due(t tickets, base timestamptz) RETURNS tickets
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
REVOKE ALL ON FUNCTION tickets_sla_update_due(tickets, timestamptz) FROM ticketty_agent;

--- tickets_sla_insert
-- BEFORE INSERT trigger on tickets: the calendar (the customer's, else
-- the default) and created_at when not given, the first-response and
-- resolution targets and deadlines, the outcomes of a ticket inserted
-- acknowledged or resolved, the waiting_since of one inserted waiting on
-- the customer, and the update due. A ticket with no deadline, outcome
-- or calendar generation of its own (every ticket api_ticket_create
-- writes) gets both targets, its creation's business position and its
-- four instants (due and at risk) from two statements, and the positions
-- tickets_sla_positions would measure (800); anything unusual (a missing
-- target, an instant outside the calendar, an update deadline at insert)
-- takes the general path (tickets_sla_targets), which raises the same
-- errors.
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
    -- 800: the common new ticket in two statements (see above); the
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

--- tickets_sla_update
-- BEFORE UPDATE trigger on tickets: the SLA columns are the trigger's,
-- never changed by hand. Entering waiting_customer pauses the resolution
-- clock (sla_pauses); leaving it adds the pause to the resolution
-- deadline. A change of terms re-reads the targets of the undecided
-- deadlines (tickets_sla_targets): a severity or plan change (the waits
-- measured again when the resolution clock changes, 490), a change of
-- calendar (another customer's, 661: every undecided deadline measured
-- again from created_at, and the waits) and a new policy. A ticket whose
-- deadlines were set before its calendar last changed (a policy load:
-- hours, holidays, targets; the calendar's generation moved on since the
-- ticket's) has them read again under the terms of now, as a re-triage
-- would: api_policy_reapply touches every such open ticket in short
-- batches, and any other change to one does it first.
-- It decides the first-response and resolution outcomes. The update
-- cadence restarts when the ticket becomes an emergency or is reopened
-- (update_from, kept and read; 660); a reply after update_due, and a
-- resolution or a move away from severity 1 (the cadence stopped on an
-- open ticket) after it, count a missed update (720).
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
    v_reload boolean;
BEGIN
    SELECT OLD.sla_generation IS DISTINCT FROM g.generation INTO v_reload
      FROM calendar_generations g WHERE g.calendar_id = OLD.calendar_id;
    v_reload := coalesce(v_reload, false);
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
    -- created_at on the new calendar, and the waits on it. So is a new
    -- policy (v_reload): the calendar's hours and holidays and the targets
    -- are read again, the waits measured again on the calendar as it is now.
    IF NEW.severity IS DISTINCT FROM OLD.severity OR NEW.plan IS DISTINCT FROM OLD.plan
       OR NEW.calendar_id IS DISTINCT FROM OLD.calendar_id OR v_reload THEN
        IF NEW.resolution_outcome IS NULL THEN
            SELECT x.clock INTO v_clock FROM sla_targets x
             WHERE x.kind = 'resolution' AND x.plan = NEW.plan AND x.severity = NEW.severity;
            IF v_clock IS NOT NULL AND (v_clock IS DISTINCT FROM NEW.resolution_clock
                                        OR NEW.calendar_id IS DISTINCT FROM OLD.calendar_id
                                        OR v_reload) THEN
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
REVOKE ALL ON FUNCTION tickets_sla_update() FROM ticketty_agent;

--- ticket_sla
-- The ticket's most urgent open deadline at `at` (worst state first, then
-- earliest due) with the time left on its own clock (negative = overdue),
-- or, when no deadline is open, the first-response outcome (met/missed).
-- While the ticket waits on the customer its resolution clock is frozen at
-- waiting_since. No query on the common path (the business positions that
-- 012_sla_fast.sql stores on the ticket), few statements: each open
-- deadline gets a score (state rank first, earlier due next) and the best
-- one is reported.
CREATE OR REPLACE FUNCTION ticket_sla(t tickets, at timestamptz DEFAULT tt_now()) RETURNS sla_info
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

--- api_sla_due
-- The due instant of a target as ISO 8601 in the calendar's zone. Inputs
-- are text so that each bad one is refused by name (TT400): plan, severity,
-- created (ISO 8601; without an offset it is read in the calendar's zone),
-- kind.
CREATE OR REPLACE FUNCTION api_sla_due(p_plan text, p_severity text, p_created text,
                            p_kind text DEFAULT 'first_response',
                            p_calendar smallint DEFAULT default_calendar_id())
    RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_errors text[] := '{}';
    v_tz     text;
    v_start  timestamptz;
    v_sev    smallint;
    v_due    timestamptz;
BEGIN
    SELECT c.time_zone INTO v_tz FROM calendars c WHERE c.id = p_calendar;
    IF v_tz IS NULL THEN
        RAISE EXCEPTION 'there is no business calendar' USING ERRCODE = 'TT404';
    END IF;
    IF p_plan IS NULL OR NOT p_plan = ANY (enum_range(NULL::plan_kind)::text[]) THEN
        v_errors := v_errors || format(E'plan\tunknown\tunknown plan "%s" (premium or basic)', p_plan);
    END IF;
    IF p_kind IS NULL OR NOT p_kind = ANY (enum_range(NULL::sla_kind)::text[]) THEN
        v_errors := v_errors || format(E'kind\tunknown\tunknown kind "%s" (first_response, resolution or update)', p_kind);
    END IF;
    IF p_severity ~ '^[1-4]$' THEN
        v_sev := p_severity::smallint;
    ELSE
        v_errors := v_errors || format(E'severity\tmalformed\tseverity must be 1, 2, 3 or 4, not "%s"', p_severity);
    END IF;
    IF p_created IS NULL OR p_created !~ '^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?)?(Z|[+-]\d\d(:?\d\d)?)?$' THEN
        v_errors := v_errors || format(E'created\tmalformed\t"%s" is not an ISO 8601 date and time', p_created);
    ELSE
        BEGIN
            IF p_created ~ '(Z|[+-]\d\d(:?\d\d)?)$' AND p_created ~ '[T ]' THEN
                v_start := p_created::timestamptz;
            ELSE
                v_start := p_created::timestamp AT TIME ZONE v_tz;
            END IF;
        EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format
                       OR invalid_time_zone_displacement_value THEN
            v_errors := v_errors || format(E'created\tmalformed\t"%s" is not a valid date and time', p_created);
        END;
    END IF;
    IF cardinality(v_errors) > 0 THEN
        RAISE EXCEPTION 'cannot compute the due time' USING ERRCODE = 'TT400',
              DETAIL = array_to_string(v_errors, E'\n');
    END IF;
    v_due := sla_due(p_kind::sla_kind, p_plan::plan_kind, v_sev, v_start, p_calendar);
    IF v_due IS NULL THEN
        RAISE EXCEPTION 'no such target' USING ERRCODE = 'TT400',
              DETAIL = format(E'severity\tno_target\tthere is no %s target for plan %s severity %s',
                              p_kind, p_plan, v_sev);
    END IF;
    RETURN iso_in_zone(v_due, v_tz);
END
$$;

--- ticket_deadlines
-- Every deadline a ticket has: its target and clock, where its clock
-- started (the update's where the cadence started), the due instant, time
-- paused, the stored outcome (when decided), when it was decided, and at
-- `at` the state and the time left on its clock.
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

--- ticket_sla_json
-- The same as one JSON document, with the pauses and the calendar.
CREATE OR REPLACE FUNCTION ticket_sla_json(p_ticket bigint, at timestamptz DEFAULT tt_now()) RETURNS json
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT json_build_object(
        'ticket', t.id,
        'plan', t.plan,
        'severity', t.severity,
        'status', t.status,
        'calendar', json_build_object('id', c.id, 'name', c.name, 'time_zone', c.time_zone),
        'created_at', iso_in_zone(t.created_at, c.time_zone),
        'sla', (SELECT row_to_json(s) FROM ticket_sla(t, at) s),
        'update_missed_count', t.update_missed_count,
        'deadlines', (SELECT json_agg(json_build_object(
                          'kind', d.kind, 'clock', d.clock, 'minutes', d.minutes,
                          'started_at', iso_in_zone(d.started_at, c.time_zone),
                          'due', iso_in_zone(d.due, c.time_zone),
                          'paused_secs', d.paused_secs, 'outcome', d.outcome,
                          'decided_at', iso_in_zone(d.decided_at, c.time_zone),
                          'state', d.state, 'remaining_secs', d.remaining_secs,
                          'at_risk_from', iso_in_zone(d.risk_at, c.time_zone)))
                        FROM ticket_deadlines(t, at) d),
        'pauses', coalesce((SELECT json_agg(json_build_object(
                          'started_at', iso_in_zone(p.started_at, c.time_zone),
                          'ended_at', iso_in_zone(p.ended_at, c.time_zone),
                          'clock', p.clock, 'paused_secs', p.paused_secs)
                          ORDER BY p.started_at)
                        FROM sla_pauses p WHERE p.ticket_id = t.id), '[]'::json))
      FROM tickets t JOIN calendars c ON c.id = t.calendar_id
     WHERE t.id = p_ticket
$$;

--- policy_require_admin
-- True when the session may replace the policy: a superuser login, the
-- owner of schema ticketty, or else an agent with role admin (TT403).
CREATE OR REPLACE FUNCTION policy_require_admin() RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = session_user AND r.rolsuper)
       OR EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n
                   WHERE n.nspname = 'ticketty' AND n.nspowner =
                         (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = session_user)) THEN
        RETURN;
    END IF;
    PERFORM require_role('admin');
END
$$;
REVOKE ALL ON FUNCTION policy_require_admin() FROM ticketty_agent;

--- api_policy_load
-- Replaces the default calendar's time zone, opening hours, holiday rules
-- and one-off holidays and every SLA target, all or nothing. A holiday
-- entry is either a rule for every year (x_months set: x_mdays for a fixed
-- date, observed on the nearest weekday when x_observed is true, on the
-- date itself when it is false or not given; or x_weekdays
-- with x_nths 1..5, -1 = last) or one date (x_days set; x_working = true
-- makes it a working day although a rule says holiday). A name is one
-- line of at most 200 characters. Each entry
-- carries the line of the policy file it came from; refusals are TT400
-- with one DETAIL line per problem: `<line>\t<code>\t<message>`. p_lines
-- holds the lines of the time_zone setting and of the hours, holidays and
-- targets lists (for problems that belong to no entry, such as a missing
-- target).
CREATE OR REPLACE FUNCTION api_policy_load(p_time_zone text, p_lines int[],
                                h_days text[], h_opens text[], h_closes text[], h_lines int[],
                                x_days text[], x_names text[], x_lines int[],
                                x_months int[], x_mdays int[], x_weekdays text[], x_nths int[],
                                x_observed boolean[], x_working boolean[],
                                t_kinds text[], t_plans text[], t_sevs int[], t_minutes int[],
                                t_clocks text[], t_lines int[])
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_cal    smallint := default_calendar_id();
    e        text[] := '{}';
    i        int;
    v_dow    int;
    v_seen   int[] := '{}';
    v_open   time;
    v_close  time;
    v_hours  int := 0;
    v_day    date;
    v_days   date[] := '{}';
    v_keys   text[] := '{}';
    v_rules  text[] := '{}';
    v_key    text;
    v_biz    boolean := false;
    v_before jsonb;
    v_tz_line int := coalesce(p_lines[1], 0);
    v_t_line  int := coalesce(p_lines[4], 0);
    r        record;
BEGIN
    PERFORM policy_require_admin();
    IF v_cal IS NULL THEN
        RAISE EXCEPTION 'there is no default business calendar' USING ERRCODE = 'TT404';
    END IF;

    IF p_time_zone IS NULL OR btrim(p_time_zone) = '' THEN
        e := e || format(E'%s\tno_time_zone\ttime_zone is required', v_tz_line);
    ELSIF NOT is_valid_time_zone(p_time_zone) THEN
        e := e || format(E'%s\tunknown_time_zone\tunknown time zone "%s"', v_tz_line, p_time_zone);
    END IF;

    FOR i IN 1 .. coalesce(cardinality(h_days), 0) LOOP
        v_dow := array_position(ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], lower(h_days[i]));
        IF v_dow IS NULL THEN
            e := e || format(E'%s\tbad_day\tunknown day "%s" (mon, tue, wed, thu, fri, sat or sun)',
                             h_lines[i], h_days[i]);
        ELSIF v_dow = ANY (v_seen) THEN
            e := e || format(E'%s\tduplicate_day\t"%s" already has opening hours', h_lines[i], h_days[i]);
        ELSE
            v_seen := v_seen || v_dow;
        END IF;
        v_open := NULL; v_close := NULL;
        IF coalesce(h_opens[i], '') !~ '^([01]\d|2[0-3]):[0-5]\d$' THEN
            e := e || format(E'%s\tbad_time\topen must be a time HH:MM, not "%s"', h_lines[i], h_opens[i]);
        ELSE
            v_open := h_opens[i]::time;
        END IF;
        IF coalesce(h_closes[i], '') !~ '^(([01]\d|2[0-3]):[0-5]\d|24:00)$' THEN
            e := e || format(E'%s\tbad_time\tclose must be a time HH:MM, not "%s"', h_lines[i], h_closes[i]);
        ELSE
            v_close := h_closes[i]::time;
        END IF;
        IF v_open IS NOT NULL AND v_close IS NOT NULL AND v_close <= v_open THEN
            e := e || format(E'%s\tclose_before_open\tclose (%s) must be after open (%s)',
                             h_lines[i], h_closes[i], h_opens[i]);
        END IF;
        v_hours := v_hours + 1;
    END LOOP;

    FOR i IN 1 .. coalesce(cardinality(x_lines), 0) LOOP
        IF x_names[i] IS NULL OR btrim(x_names[i]) = '' THEN
            e := e || format(E'%s\tno_name\tthe holiday needs a name', x_lines[i]);
        ELSIF text_has_control(x_names[i]) THEN
            -- shown on one line by policy show, sla explain and the mail
            e := e || format(E'%s\tname_control\tname must be one line, without line breaks, tabs or other control characters',
                             x_lines[i]);
        ELSIF char_length(x_names[i]) > 200 THEN
            e := e || format(E'%s\tname_too_long\tname is too long (at most 200 characters)', x_lines[i]);
        END IF;
        IF x_days[i] IS NOT NULL AND x_months[i] IS NOT NULL THEN
            e := e || format(E'%s\tdate_and_rule\tgive either date (one day) or month (every year), not both',
                             x_lines[i]);
            CONTINUE;
        ELSIF x_days[i] IS NULL AND x_months[i] IS NULL THEN
            e := e || format(E'%s\tno_date\ta holiday needs a date (one day) or a month (every year)',
                             x_lines[i]);
            CONTINUE;
        END IF;
        IF x_days[i] IS NOT NULL THEN
            -- one date, closed (or open with working = true)
            v_day := NULL;
            IF x_days[i] ~ '^\d{4}-\d\d-\d\d$' THEN
                BEGIN
                    v_day := x_days[i]::date;
                EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
                    v_day := NULL;
                END;
            END IF;
            IF v_day IS NULL AND x_days[i] ~ '^\d{4}-\d\d-\d\d$' THEN
                e := e || format(E'%s\tbad_date\tthere is no date %s (YYYY-MM-DD)', x_lines[i], x_days[i]);
            ELSIF v_day IS NULL THEN
                e := e || format(E'%s\tbad_date\tdate must be YYYY-MM-DD, not "%s"', x_lines[i], x_days[i]);
            ELSIF v_day = ANY (v_days) THEN
                e := e || format(E'%s\tduplicate_holiday\t%s is listed twice', x_lines[i], x_days[i]);
            ELSE
                v_days := v_days || v_day;
            END IF;
            IF x_weekdays[i] IS NOT NULL OR x_nths[i] IS NOT NULL OR x_mdays[i] IS NOT NULL
               OR x_observed[i] IS NOT NULL THEN
                e := e || format(E'%s\trule_field_on_date\tday, weekday, nth and observed belong to rules (with month), not to a date',
                                 x_lines[i]);
            END IF;
            CONTINUE;
        END IF;
        -- a rule for every year
        IF x_working[i] IS NOT NULL THEN
            e := e || format(E'%s\tworking_on_rule\tworking belongs to a date, not to a rule', x_lines[i]);
        END IF;
        IF x_months[i] NOT BETWEEN 1 AND 12 THEN
            e := e || format(E'%s\tbad_month\tmonth must be 1 to 12, not %s', x_lines[i], x_months[i]);
            CONTINUE;
        END IF;
        IF (x_mdays[i] IS NULL) = (x_weekdays[i] IS NULL) THEN
            e := e || format(E'%s\tday_or_weekday\ta rule needs either day (a fixed date) or weekday with nth',
                             x_lines[i]);
            CONTINUE;
        END IF;
        IF x_mdays[i] IS NOT NULL THEN
            IF x_nths[i] IS NOT NULL THEN
                e := e || format(E'%s\tnth_without_weekday\tnth belongs to a weekday rule', x_lines[i]);
            END IF;
            IF x_mdays[i] < 1 OR x_mdays[i] > extract(day FROM make_date(2000, x_months[i], 1)
                                                        + interval '1 month - 1 day') THEN
                e := e || format(E'%s\tbad_day_of_month\tmonth %s has no day %s',
                                 x_lines[i], x_months[i], x_mdays[i]);
            END IF;
            v_key := x_months[i] || '/' || x_mdays[i];
        ELSE
            IF x_observed[i] IS NOT NULL THEN
                e := e || format(E'%s\tobserved_on_weekday\tobserved belongs to a fixed date (day)', x_lines[i]);
            END IF;
            IF array_position(ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
                              lower(x_weekdays[i])) IS NULL THEN
                e := e || format(E'%s\tbad_day\tunknown day "%s" (mon, tue, wed, thu, fri, sat or sun)',
                                 x_lines[i], x_weekdays[i]);
            END IF;
            IF x_nths[i] IS NULL OR NOT x_nths[i] IN (-1, 1, 2, 3, 4, 5) THEN
                e := e || format(E'%s\tbad_nth\tnth must be 1 to 5, or -1 for the last, not %s',
                                 x_lines[i], coalesce(x_nths[i]::text, 'missing'));
            END IF;
            v_key := x_months[i] || '/' || lower(x_weekdays[i]) || '/' || x_nths[i];
        END IF;
        IF v_key = ANY (v_rules) THEN
            e := e || format(E'%s\tduplicate_rule\tthe same holiday rule is listed twice', x_lines[i]);
        ELSE
            v_rules := v_rules || v_key;
        END IF;
    END LOOP;

    FOR i IN 1 .. coalesce(cardinality(t_kinds), 0) LOOP
        IF t_kinds[i] IS NULL OR NOT t_kinds[i] = ANY (enum_range(NULL::sla_kind)::text[]) THEN
            e := e || format(E'%s\tunknown\tunknown kind "%s" (first_response, resolution or update)',
                             t_lines[i], t_kinds[i]);
        END IF;
        IF t_plans[i] IS NULL OR NOT t_plans[i] = ANY (enum_range(NULL::plan_kind)::text[]) THEN
            e := e || format(E'%s\tunknown\tunknown plan "%s" (premium or basic)', t_lines[i], t_plans[i]);
        END IF;
        IF t_sevs[i] IS NULL OR t_sevs[i] NOT BETWEEN 1 AND 4 THEN
            e := e || format(E'%s\tbad_severity\tseverity must be 1, 2, 3 or 4', t_lines[i]);
        END IF;
        IF t_minutes[i] IS NULL OR t_minutes[i] <= 0 THEN
            e := e || format(E'%s\tbad_minutes\tminutes must be a positive whole number', t_lines[i]);
        END IF;
        IF t_clocks[i] IS NULL OR NOT t_clocks[i] = ANY (enum_range(NULL::sla_clock)::text[]) THEN
            e := e || format(E'%s\tunknown\tunknown clock "%s" (business or wall)', t_lines[i], t_clocks[i]);
        ELSIF t_clocks[i] = 'business' THEN
            v_biz := true;
        END IF;
        v_key := t_kinds[i] || '/' || t_plans[i] || '/' || t_sevs[i];
        IF v_key = ANY (v_keys) THEN
            e := e || format(E'%s\tduplicate_target\tthere is already a %s target for plan %s severity %s',
                             t_lines[i], t_kinds[i], t_plans[i], t_sevs[i]);
        ELSIF v_key IS NOT NULL THEN
            v_keys := v_keys || v_key;
        END IF;
    END LOOP;

    -- every plan and severity needs a first-response and a resolution target,
    -- and emergencies (severity 1) an update cadence
    FOR r IN SELECT k.k, p.p, s.s
               FROM unnest(ARRAY['first_response', 'resolution', 'update']) k(k),
                    unnest(enum_range(NULL::plan_kind)::text[]) p(p),
                    generate_series(1, 4) s(s)
              WHERE k.k <> 'update' OR s.s = 1
              ORDER BY array_position(ARRAY['first_response', 'resolution', 'update'], k.k), p.p, s.s
    LOOP
        IF NOT (r.k || '/' || r.p || '/' || r.s) = ANY (v_keys) THEN
            e := e || format(E'%s\tmissing_target\tno %s target for plan %s severity %s',
                             v_t_line, r.k, r.p, r.s);
        END IF;
    END LOOP;
    IF v_biz AND v_hours = 0 THEN
        e := e || format(E'%s\tno_hours\tbusiness-clock targets need opening hours', coalesce(p_lines[2], 0));
    END IF;

    IF cardinality(e) > 0 THEN
        RAISE EXCEPTION 'the policy was refused; nothing was changed' USING ERRCODE = 'TT400',
              DETAIL = array_to_string(e, E'\n');
    END IF;

    -- replace, rebuilding calendar_days once at the end
    PERFORM set_config('ticketty.calendar_refresh', 'off', true);
    v_before := policy_json()::jsonb - 'holidays_this_year_and_next';
    UPDATE calendars SET time_zone = p_time_zone WHERE id = v_cal;
    DELETE FROM calendar_hours WHERE calendar_id = v_cal;
    INSERT INTO calendar_hours (calendar_id, isodow, opens, closes)
    SELECT v_cal, array_position(ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], lower(d)),
           o::time, c::time
      FROM unnest(h_days, h_opens, h_closes) AS u(d, o, c);
    DELETE FROM holiday_rules WHERE calendar_id = v_cal;
    INSERT INTO holiday_rules (calendar_id, name, month, day, isodow, nth, observed)
    SELECT v_cal, n, m, md,
           array_position(ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], lower(wd)), nth,
           md IS NOT NULL AND coalesce(obs, false)
      FROM unnest(x_days, x_names, x_months, x_mdays, x_weekdays, x_nths, x_observed)
           AS u(d, n, m, md, wd, nth, obs)
     WHERE d IS NULL;
    DELETE FROM holidays WHERE calendar_id = v_cal;
    -- a working date opens a day a rule closes, and nothing else: on any
    -- other day (a Saturday the desk never opens, a date no rule names)
    -- it would be accepted and change nothing
    FOR i IN 1 .. coalesce(cardinality(x_lines), 0) LOOP
        IF x_days[i] IS NOT NULL AND coalesce(x_working[i], false)
           AND NOT EXISTS (SELECT 1 FROM calendar_holidays(v_cal, x_days[i]::date, x_days[i]::date)) THEN
            e := e || format(E'%s\tworking_not_closed\tno holiday rule closes %s: working = true only opens a day a rule closes',
                             x_lines[i], x_days[i]);
        END IF;
    END LOOP;
    IF cardinality(e) > 0 THEN
        RAISE EXCEPTION 'the policy was refused; nothing was changed' USING ERRCODE = 'TT400',
              DETAIL = array_to_string(e, E'\n');
    END IF;
    INSERT INTO holidays (calendar_id, day, name, working)
    SELECT v_cal, d::date, n, coalesce(w, false)
      FROM unnest(x_days, x_names, x_working) AS u(d, n, w)
     WHERE d IS NOT NULL;
    DELETE FROM sla_targets;
    INSERT INTO sla_targets (kind, plan, severity, minutes, clock)
    SELECT k::sla_kind, p::plan_kind, s, m, c::sla_clock
      FROM unnest(t_kinds, t_plans, t_sevs, t_minutes, t_clocks) AS u(k, p, s, m, c);
    PERFORM set_config('ticketty.calendar_refresh', 'on', true);
    PERFORM calendar_rebuild(v_cal);
    PERFORM admin_audit('policy.load', 'policy', NULL, 'default', v_before,
                        policy_json()::jsonb - 'holidays_this_year_and_next');
END
$$;
GRANT EXECUTE ON FUNCTION api_policy_load(text, int[], text[], text[], text[], int[], text[], text[],
                                          int[], int[], int[], text[], int[], boolean[], boolean[],
                                          text[], text[], int[], int[], text[], int[]) TO ticketty_agent;

--- api_policy_reapply
-- Moves the deadlines of open tickets (not resolved or closed) still set
-- under an earlier policy (their calendar's generation moved on since:
-- see tickets_sla_update) to the policy of now: up to p_limit of them with
-- an id above p_after, in id order, each in this transaction; a ticket
-- another transaction holds is left for that change, which reads its
-- deadlines again itself, or for the next pass. Returns how many moved and
-- the last id seen (NULL when none): `admin policy load` calls it in a
-- loop after the load's own short transaction, so that no transaction
-- holds every open ticket of a large desk; `admin policy reapply` runs the
-- same loop again. Clients are told once a batch (kind 'policy').
CREATE OR REPLACE FUNCTION api_policy_reapply(p_after bigint, p_limit int,
                                              OUT moved int, OUT last_id bigint)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM policy_require_admin();
    IF p_limit IS NULL OR p_limit < 1 OR p_limit > 10000 THEN
        RAISE EXCEPTION 'a batch holds 1 to 10000 tickets' USING ERRCODE = 'TT400',
              DETAIL = E'limit\trange\ta batch holds 1 to 10000 tickets';
    END IF;
    WITH stale AS (
        SELECT t.id FROM tickets t
         WHERE t.id > coalesce(p_after, 0)
           AND t.status NOT IN ('resolved', 'closed')
           AND t.sla_generation IS DISTINCT FROM (SELECT g.generation FROM calendar_generations g
                                                   WHERE g.calendar_id = t.calendar_id)
         ORDER BY t.id
         LIMIT p_limit
           FOR UPDATE OF t SKIP LOCKED
    ), touched AS (
        UPDATE tickets t SET updated_at = t.updated_at FROM stale WHERE t.id = stale.id
        RETURNING t.id
    )
    SELECT count(*)::int, max(touched.id) INTO moved, last_id FROM touched;
    IF moved > 0 THEN
        PERFORM pg_notify('ticketty', json_build_object('ticket', 0, 'kind', 'policy')::text);
    END IF;
END
$$;
GRANT EXECUTE ON FUNCTION api_policy_reapply(bigint, int) TO ticketty_agent;

--- policy_json
-- The policy as one JSON document (for `admin policy show --json`).
CREATE OR REPLACE FUNCTION policy_json() RETURNS json
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT json_build_object(
        'calendar', c.name,
        'time_zone', c.time_zone,
        'hours', coalesce((SELECT json_agg(json_build_object(
                     'day', (ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])[h.isodow],
                     'open', to_char(h.opens, 'HH24:MI'), 'close', to_char(h.closes, 'HH24:MI'))
                     ORDER BY h.isodow)
                   FROM calendar_hours h WHERE h.calendar_id = c.id), '[]'::json),
        'holiday_rules', coalesce((SELECT json_agg(json_strip_nulls(json_build_object(
                     'name', r.name, 'month', r.month, 'day', r.day,
                     'weekday', (ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])[r.isodow],
                     'nth', r.nth, 'observed', CASE WHEN r.day IS NOT NULL THEN r.observed END))
                     ORDER BY r.month, r.day, r.nth, r.isodow)
                   FROM holiday_rules r WHERE r.calendar_id = c.id), '[]'::json),
        'holidays', coalesce((SELECT json_agg(json_build_object('date', x.day, 'name', x.name,
                                                                'working', x.working)
                     ORDER BY x.day)
                   FROM holidays x WHERE x.calendar_id = c.id), '[]'::json),
        'holidays_this_year_and_next', coalesce((SELECT json_agg(json_build_object('date', h.day, 'name', h.name)
                     ORDER BY h.day)
                   FROM calendar_holidays(c.id, date_trunc('year', tt_now() AT TIME ZONE c.time_zone)::date,
                                          (date_trunc('year', tt_now() AT TIME ZONE c.time_zone)
                                           + interval '2 years - 1 day')::date) h), '[]'::json),
        'targets', coalesce((SELECT json_agg(json_build_object(
                     'kind', t.kind, 'plan', t.plan, 'severity', t.severity,
                     'minutes', t.minutes, 'clock', t.clock)
                     ORDER BY t.kind, t.plan, t.severity)
                   FROM sla_targets t), '[]'::json))
      FROM calendars c WHERE c.is_default
$$;

--- business_position_cached
-- The business position of `at` on calendar `cal` and the calendar's
-- generation, cached for the current statement in the session.
CREATE OR REPLACE FUNCTION business_position_cached(cal smallint, at timestamptz,
                                         OUT pos numeric, OUT generation bigint)
    LANGUAGE plpgsql STABLE PARALLEL UNSAFE
AS $$
DECLARE
    v_key   text := cal || '/' || extract(epoch FROM at) || '/' || extract(epoch FROM statement_timestamp());
    v_cache text := current_setting('ticketty.sla_at_cache', true);
BEGIN
    IF v_cache IS NOT NULL AND v_cache <> '' AND split_part(v_cache, ' ', 1) = v_key THEN
        pos := split_part(v_cache, ' ', 2)::numeric;
        generation := split_part(v_cache, ' ', 3)::bigint;
        RETURN;
    END IF;
    pos := ticketty.business_position(cal, at);
    SELECT g.generation INTO generation FROM ticketty.calendar_generations g WHERE g.calendar_id = cal;
    PERFORM set_config('ticketty.sla_at_cache', v_key || ' ' || pos || ' ' || coalesce(generation, -1), false);
END
$$;

--- tickets_sla_positions
-- Keeps the stored positions of the business-clock due instants (and the
-- update clock) in step with the dues. Named to fire after the other
-- tickets_sla_* BEFORE triggers (triggers of one event fire by name).
CREATE OR REPLACE FUNCTION tickets_sla_positions() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_gen bigint;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- trigger-owned
        NEW.first_response_due_pos := OLD.first_response_due_pos;
        NEW.resolution_due_pos := OLD.resolution_due_pos;
        NEW.sla_generation := OLD.sla_generation;
        NEW.update_clock := OLD.update_clock;
        IF NEW.first_response_due IS NOT DISTINCT FROM OLD.first_response_due
           AND NEW.resolution_due IS NOT DISTINCT FROM OLD.resolution_due
           AND NEW.update_due IS NOT DISTINCT FROM OLD.update_due
           AND NEW.calendar_id = OLD.calendar_id THEN
            RETURN NEW;
        END IF;
    END IF;
    SELECT g.generation INTO v_gen FROM calendar_generations g WHERE g.calendar_id = NEW.calendar_id;
    IF TG_OP = 'INSERT' AND NEW.sla_generation = v_gen THEN
        -- a bulk loader that measured the positions itself on this
        -- generation of the calendar saves two index probes per row
        RETURN NEW;
    END IF;
    NEW.sla_generation := v_gen;
    NEW.first_response_due_pos := CASE WHEN NEW.first_response_clock = 'business'
                                       THEN business_position(NEW.calendar_id, NEW.first_response_due) END;
    NEW.resolution_due_pos := CASE WHEN NEW.resolution_clock = 'business'
                                   THEN business_position(NEW.calendar_id, NEW.resolution_due) END;
    NEW.update_clock := CASE WHEN NEW.update_due IS NOT NULL THEN
                            coalesce((SELECT s.clock FROM sla_targets s
                                       WHERE s.kind = 'update' AND s.plan = NEW.plan
                                         AND s.severity = NEW.severity), 'wall') END;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION tickets_sla_positions() FROM ticketty_agent;
