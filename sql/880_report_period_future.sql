-- 880_report_period_future.sql: a report of a period that has not begun
-- said nothing useful. `report sla --from` a day after today (the end
-- being today when --to is not given) was refused as "the first day comes
-- after the last", naming a last day the user never gave; a period
-- wholly after today (--from and --to both ahead) was accepted and
-- printed weeks with nothing in them, exit 0. A first day after today is
-- now refused on field `from`, code `future`, saying so; and a period
-- of more than ten years on field `from`, code `too_long` (a report of
-- 0001-01-01 to 9999-12-31 printed half a million weeks, or by customer
-- ran into the statement timeout, exit 75, "try again" for good).
-- report_args (091) is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- Resolves and checks the arguments every report takes.
CREATE OR REPLACE FUNCTION report_args(p_from date, p_to date, p_by text, p_team text, p_plan text,
                            p_severity int, p_customer text) RETURNS report_filter
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    f report_filter;
    e text := '';
BEGIN
    IF p_by IS NULL OR p_by NOT IN ('week', 'team', 'customer', 'severity', 'plan', 'total') THEN
        e := e || format(E'by\tunknown\tmust be week, team, customer, severity, plan or total\n');
    END IF;
    IF p_team IS NOT NULL THEN
        SELECT t.id INTO f.team_id FROM teams t
         WHERE t.key = p_team OR lower(t.name) = lower(p_team) ORDER BY t.key = p_team DESC LIMIT 1;
        IF f.team_id IS NULL THEN
            e := e || format(E'team\tunknown\tthere is no team "%s"\n', p_team);
        END IF;
    END IF;
    IF p_plan IS NOT NULL THEN
        IF p_plan IN ('premium', 'basic') THEN
            f.plan := p_plan::plan_kind;
        ELSE
            e := e || format(E'plan\tunknown\tmust be premium or basic\n');
        END IF;
    END IF;
    IF p_severity IS NOT NULL THEN
        IF p_severity BETWEEN 1 AND 4 THEN
            f.severity := p_severity;
        ELSE
            e := e || format(E'severity\tunknown\tmust be 1, 2, 3 or 4\n');
        END IF;
    END IF;
    IF p_customer IS NOT NULL THEN
        SELECT c.id INTO f.customer_id FROM customers c
         WHERE lower(c.name) = lower(p_customer) OR c.id::text = p_customer
         ORDER BY c.id::text = p_customer DESC, c.id LIMIT 1;
        IF f.customer_id IS NULL THEN
            e := e || format(E'customer\tunknown\tthere is no customer "%s"\n', p_customer);
        END IF;
    END IF;
    f.date_to := coalesce(p_to, report_today());
    f.date_from := coalesce(p_from, date_trunc('week', f.date_to)::date - 77);
    IF p_from > report_today() THEN
        -- only a first day given: without one, report_backlog and
        -- report_escalations count from the beginning, whatever p_to
        e := e || format(E'from\tfuture\tis after today: the period has not begun\n');
    ELSIF f.date_from > f.date_to THEN
        e := e || format(E'from\tafter_to\tthe first day comes after the last\n');
    ELSIF f.date_to - f.date_from > 3653 THEN
        -- ten years at most: a report of 0001-01-01 to 9999-12-31 wrote
        -- half a million weeks, or by customer ran into the statement
        -- timeout, which the client reads as "try again" for good
        e := e || format(E'from\ttoo_long\tthe period may be at most 10 years; %s to %s is %s days\n',
                         f.date_from, f.date_to, f.date_to - f.date_from + 1);
    END IF;
    IF e <> '' THEN
        RAISE EXCEPTION 'cannot make the report' USING ERRCODE = 'TT400', DETAIL = rtrim(e, E'\n');
    END IF;
    RETURN f;
END
$$;

