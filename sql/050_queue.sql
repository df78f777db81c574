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

-- @function queue_sla (sql/functions/queue.sql)

