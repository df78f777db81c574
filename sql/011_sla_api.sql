-- 011_sla_api.sql: what the CLI asks of the SLA engine: due instants for
-- `sla due`, each deadline of a ticket for `sla explain`, and replacing the business calendar and targets
-- (`admin policy load`).

SELECT set_config('search_path', 'ticketty', true);

-- ------------------------------------------------------------ sla due --

-- The due instant of a target as ISO 8601 in the calendar's zone. Inputs
-- are text so that each bad one is refused by name (TT400): plan, severity,
-- created (ISO 8601; without an offset it is read in the calendar's zone),
-- kind.
CREATE FUNCTION api_sla_due(p_plan text, p_severity text, p_created text,
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

-- --------------------------------------------------------- sla explain --

-- Every deadline a ticket has: its target and clock, where its clock
-- started, the due instant, time paused, the stored outcome (when decided),
-- when it was decided, and at `at` the state and the time left on its clock.
CREATE FUNCTION ticket_deadlines(t tickets, at timestamptz DEFAULT tt_now())
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
        started_at := coalesce(t.last_public_reply_at, t.acknowledged_at); due := t.update_due;
        paused_secs := 0; outcome := NULL; decided_at := NULL; risk_at := t.update_risk_at;
        state := CASE WHEN at >= due THEN 'breached' WHEN at >= risk_at THEN 'at_risk' ELSE 'ok' END;
        remaining_secs := clock_between(t.calendar_id, clock, at, due);
        RETURN NEXT;
    END IF;
END
$$;

-- The same as one JSON document, with the pauses and the calendar.
CREATE FUNCTION ticket_sla_json(p_ticket bigint, at timestamptz DEFAULT tt_now()) RETURNS json
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

-- -------------------------------------------------------------- policy --

-- True when the session may replace the policy: a superuser login, the
-- owner of schema ticketty, or else an agent with role admin (TT403).
CREATE FUNCTION policy_require_admin() RETURNS void
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

-- Replaces the default calendar's time zone, opening hours, holiday rules
-- and one-off holidays and every SLA target, all or nothing. A holiday
-- entry is either a rule for every year (x_months set: x_mdays for a fixed
-- date, observed on the nearest weekday when x_observed; or x_weekdays with
-- x_nths 1..5, -1 = last) or one date (x_days set; x_working = true makes
-- it a working day although a rule says holiday). Each entry carries the line of the
-- policy file it came from; refusals are TT400 with one DETAIL line per
-- problem: `<line>\t<code>\t<message>`. p_lines holds the lines of the
-- time_zone setting and of the hours, holidays and targets lists (for
-- problems that belong to no entry, such as a missing target).
CREATE FUNCTION api_policy_load(p_time_zone text, p_lines int[],
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
    PERFORM admin_audit('policy.load', 'policy', NULL, 'default', v_before,
                        policy_json()::jsonb - 'holidays_this_year_and_next');
END
$$;

-- The policy as one JSON document (for `admin policy show --json`).
CREATE FUNCTION policy_json() RETURNS json
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

REVOKE ALL ON FUNCTION policy_require_admin() FROM ticketty_agent;
GRANT EXECUTE ON FUNCTION api_policy_load(text, int[], text[], text[], text[], int[], text[], text[],
                                          int[], int[], int[], text[], int[], boolean[], boolean[],
                                          text[], text[], int[], int[], text[], int[])
    TO ticketty_agent;
