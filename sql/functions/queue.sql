-- sql/functions/queue.sql: the queue's order and its figures.
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- queue_sla
-- The queue figure of an open ticket at `at` (no row for closed ones).
-- Plain SQL, one SELECT, returning a set, with no SET clause: the planner
-- inlines it into the queue's LATERAL join, so a fresh session compiles
-- nothing to show a page, and a wall-clock row reads nothing but the
-- ticket. Business clocks read the cached position of `at` and the
-- calendar's next opening or closing, only for the rows that need them
-- (the lateral subqueries' WHERE gates them).
CREATE OR REPLACE FUNCTION queue_sla(t tickets, at timestamptz DEFAULT tt_now()) RETURNS SETOF queue_sla_info
    LANGUAGE sql STABLE PARALLEL UNSAFE ROWS 1
AS $$
SELECT w.kind,
       CASE WHEN w.v_from >= t.queue_due THEN 'breached'
            WHEN w.v_from >= w.risk_at THEN 'at_risk' ELSE 'ok' END,
       t.queue_due,
       w.risk_at,
       CASE WHEN w.clock = 'wall' THEN floor(date_part('epoch', t.queue_due - w.v_from))::bigint
            WHEN p.pos IS NOT NULL AND p.generation IS NOT DISTINCT FROM t.sla_generation
                THEN CASE WHEN w.dpos - p.pos >= 0 THEN floor(w.dpos - p.pos)
                          ELSE -floor(p.pos - w.dpos) END::bigint
            ELSE ticketty.clock_between(t.calendar_id, w.clock, w.v_from, t.queue_due) END,
       w.clock,
       CASE WHEN w.clock = 'wall' THEN NOT t.queue_paused
            WHEN t.queue_paused THEN false
            ELSE coalesce(o.opens_at <= at, false) END,
       CASE WHEN w.clock <> 'wall' AND NOT t.queue_paused
            THEN CASE WHEN o.opens_at <= at THEN o.closes_at ELSE o.opens_at END END
  FROM (SELECT k.kind,
               CASE k.kind WHEN 'first_response' THEN t.first_response_risk_at
                           WHEN 'update' THEN t.update_risk_at
                           ELSE t.resolution_risk_at END AS risk_at,
               coalesce(CASE k.kind WHEN 'first_response' THEN t.first_response_clock
                                    WHEN 'update' THEN t.update_clock
                                    ELSE t.resolution_clock END,
                        'wall') AS clock,
               CASE k.kind WHEN 'first_response' THEN t.first_response_due_pos
                           WHEN 'resolution' THEN t.resolution_due_pos END AS dpos,
               CASE WHEN k.kind = 'resolution' AND t.queue_paused AND t.waiting_since < at
                    THEN t.waiting_since ELSE at END AS v_from   -- frozen while waiting
          FROM (SELECT CASE
                  -- which deadline queue_due is (the same preference as its expression)
                  WHEN t.acknowledged_at IS NULL AND t.first_response_outcome IS NULL
                       AND t.first_response_due = t.queue_due THEN 'first_response'
                  WHEN t.update_due IS NOT NULL AND t.update_due = t.queue_due THEN 'update'
                  ELSE 'resolution' END::ticketty.sla_kind AS kind) k) w
  -- business clock: the stored position of the due instant when it was
  -- measured on the calendar's current generation (012_sla_fast.sql)
  LEFT JOIN LATERAL (SELECT b.pos, b.generation
                       FROM ticketty.business_position_cached(t.calendar_id, at) b
                      WHERE w.clock <> 'wall' AND w.dpos IS NOT NULL AND w.v_from = at) p ON true
  -- open now (until closing) or closed (until the next opening)?
  LEFT JOIN LATERAL (SELECT d.opens_at, d.closes_at
                       FROM ticketty.calendar_days d
                      WHERE w.clock <> 'wall' AND NOT t.queue_paused
                        AND d.calendar_id = t.calendar_id
                        AND d.opens_at > at - interval '2 days' AND d.closes_at > at
                      ORDER BY d.opens_at
                      LIMIT 1) o ON true
 WHERE t.queue_due IS NOT NULL
$$;
COMMENT ON FUNCTION queue_sla(tickets, timestamptz) IS
    'The queue figure: time left to tickets.queue_due on its own clock, and when it moves (DESIGN.md §6).';

--- tickets_queue_paused_left
-- The resolution time left at the pause, for a ticket whose every clock
-- is paused: queue_paused's expression (001) with waiting_since known,
-- and the time from waiting_since to resolution_due on the resolution
-- clock as queue_sla() counts it; 0 for every other ticket.
CREATE OR REPLACE FUNCTION tickets_queue_paused_left() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    NEW.queue_paused_left := CASE
        WHEN NEW.status = 'waiting_customer'
             AND (NEW.acknowledged_at IS NOT NULL OR NEW.first_response_outcome IS NOT NULL)
             AND NEW.update_due IS NULL AND NEW.waiting_since IS NOT NULL
        THEN coalesce(clock_between(NEW.calendar_id, coalesce(NEW.resolution_clock, 'wall'),
                                    NEW.waiting_since, NEW.resolution_due), 0)
        ELSE 0 END;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION tickets_queue_paused_left() FROM ticketty_agent;
