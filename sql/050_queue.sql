-- 050_queue.sql: what a queue row shows (DESIGN.md §6): the time left to
-- the ticket's next running deadline, tickets.queue_due (001_schema.sql),
-- the deadline the queue is sorted by, so order and figures agree.
--
-- The client counts the figure down on an idle screen without asking
-- again: with the row it gets the deadline instant, the instant the row
-- turns at risk, whether the figure is moving now (`running`: false while
-- the ticket is paused or a business clock is outside opening hours) and
-- the instant that changes (`next_change`, business clocks only). Between
-- those instants the figure falls one second per second of tt_now().

SELECT set_config('search_path', 'ticketty', true);

CREATE TYPE queue_sla_info AS (
    kind           sla_kind,
    state          text,          -- ok, at_risk, breached (at `at`)
    due            timestamptz,   -- = tickets.queue_due
    risk_at        timestamptz,   -- turns at_risk here (NULL: no risk mark)
    remaining_secs bigint,        -- on its own clock, negative once overdue
    clock          sla_clock,
    running        boolean,       -- the figure moves now
    next_change    timestamptz    -- when `running` flips (NULL: not before due)
);

-- The queue figure of an open ticket at `at` (NULL for closed ones).
CREATE FUNCTION queue_sla(t tickets, at timestamptz DEFAULT tt_now()) RETURNS queue_sla_info
    -- no SET clause: called for every row of a queue page (see 010's clock functions)
    LANGUAGE plpgsql STABLE PARALLEL UNSAFE
AS $$
DECLARE
    r      ticketty.queue_sla_info;
    v_from timestamptz := at;
    v_dpos numeric;
    v_apos numeric;
    v_gen  bigint;
    v_diff numeric;
    c      record;
BEGIN
    IF t.queue_due IS NULL THEN
        RETURN NULL;
    END IF;
    r.due := t.queue_due;
    -- which deadline queue_due is (the same preference as its expression)
    IF t.acknowledged_at IS NULL AND t.first_response_outcome IS NULL
       AND t.first_response_due = t.queue_due THEN
        r.kind := 'first_response'; r.risk_at := t.first_response_risk_at;
        r.clock := t.first_response_clock; v_dpos := t.first_response_due_pos;
    ELSIF t.update_due IS NOT NULL AND t.update_due = t.queue_due THEN
        r.kind := 'update'; r.risk_at := t.update_risk_at;
        r.clock := coalesce(t.update_clock, 'wall');
    ELSE
        r.kind := 'resolution'; r.risk_at := t.resolution_risk_at;
        r.clock := t.resolution_clock; v_dpos := t.resolution_due_pos;
        IF t.queue_paused AND t.waiting_since < at THEN
            v_from := t.waiting_since;   -- frozen while waiting on the customer
        END IF;
    END IF;
    r.clock := coalesce(r.clock, 'wall');
    r.state := CASE WHEN v_from >= r.due THEN 'breached'
                    WHEN v_from >= r.risk_at THEN 'at_risk' ELSE 'ok' END;
    IF r.clock = 'wall' THEN
        r.remaining_secs := floor(date_part('epoch', r.due - v_from));
        r.running := NOT t.queue_paused;
        RETURN r;
    END IF;
    -- business clock: the stored position of the due instant when it was
    -- measured on the calendar's current generation (012_sla_fast.sql)
    IF v_dpos IS NOT NULL AND v_from = at THEN
        c := ticketty.business_position_cached(t.calendar_id, at);
        v_apos := c.pos;
        v_gen := c.generation;
    END IF;
    IF v_apos IS NOT NULL AND v_gen IS NOT DISTINCT FROM t.sla_generation THEN
        v_diff := v_dpos - v_apos;
        r.remaining_secs := CASE WHEN v_diff >= 0 THEN floor(v_diff) ELSE -floor(-v_diff) END;
    ELSE
        r.remaining_secs := ticketty.clock_between(t.calendar_id, r.clock, v_from, r.due);
    END IF;
    IF t.queue_paused THEN
        r.running := false;
        RETURN r;
    END IF;
    -- open now (until closing) or closed (until the next opening)?
    SELECT d.opens_at, d.closes_at INTO c
      FROM ticketty.calendar_days d
     WHERE d.calendar_id = t.calendar_id
       AND d.opens_at > at - interval '2 days' AND d.closes_at > at
     ORDER BY d.opens_at
     LIMIT 1;
    IF c.opens_at IS NULL THEN
        r.running := false;
    ELSE
        r.running := c.opens_at <= at;
        r.next_change := CASE WHEN r.running THEN c.closes_at ELSE c.opens_at END;
    END IF;
    RETURN r;
END
$$;
COMMENT ON FUNCTION queue_sla(tickets, timestamptz) IS
    'The queue figure: time left to tickets.queue_due on its own clock, and when it moves (DESIGN.md §6).';
