-- 920_policy_load_open_tickets.sql: a new policy moves the deadlines of
-- the running work. `admin policy load` replaced the calendar and the
-- targets but left every open ticket's due instants where the old policy
-- had put them: a holiday added for tomorrow kept a first response due at
-- 10:00 on the closed day while the countdown, measured on the new
-- calendar, said an hour less was left, and the order of the queue and
-- the figures it shows no longer agreed. DESIGN.md §5-6: terms that change
-- (re-triage, a ticket moved to another calendar, 661) have the running
-- deadlines recomputed from created_at, the paused time added back and
-- not lost; a new policy is now the same change for every open ticket.
-- Deadlines already decided (met, missed) stay as they were.
-- tickets_sla_update (720) and api_policy_load (011) are replaced whole;
-- the trigger and the grants stay.

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
    -- api_policy_load (920) re-reads every open ticket's terms
    v_reload boolean := coalesce(current_setting('ticketty.policy_reload', true), '') = 'on';
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
    -- A new policy (920) is a change of terms as well: the calendar's hours
    -- and holidays and the targets are read again, and the waits measured
    -- again on the calendar as it is now.
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
       OR NEW.acknowledged_at IS DISTINCT FROM OLD.acknowledged_at OR v_reload THEN
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

-- 011's, whole, with the open tickets following the new terms.
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
            IF v_day IS NULL THEN
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
           md IS NOT NULL AND coalesce(obs, true)
      FROM unnest(x_days, x_names, x_months, x_mdays, x_weekdays, x_nths, x_observed)
           AS u(d, n, m, md, wd, nth, obs)
     WHERE d IS NULL;
    DELETE FROM holidays WHERE calendar_id = v_cal;
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
    -- the running work follows (920): every deadline not yet decided is
    -- measured again from created_at under the new terms, paused time
    -- added back as the new calendar measures it; decided ones stay
    PERFORM 1 FROM tickets t
     WHERE t.first_response_outcome IS NULL OR t.resolution_outcome IS NULL
     ORDER BY t.id FOR UPDATE;
    PERFORM set_config('ticketty.policy_reload', 'on', true);
    UPDATE tickets t SET updated_at = t.updated_at
     WHERE t.first_response_outcome IS NULL OR t.resolution_outcome IS NULL;
    PERFORM set_config('ticketty.policy_reload', 'off', true);
    PERFORM admin_audit('policy.load', 'policy', NULL, 'default', v_before,
                        policy_json()::jsonb - 'holidays_this_year_and_next');
END
$$;
