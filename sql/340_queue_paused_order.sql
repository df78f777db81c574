-- 340_queue_paused_order.sql: paused tickets sort by the time they have
-- left, the figure the queue shows for them (DESIGN.md §6: the order and
-- the numbers agree).
--   * Among the tickets whose every clock is paused (tickets.queue_paused,
--     001), the queue sorted by queue_due, their frozen resolution
--     deadline, while it showed the resolution time left when the pause
--     began (queue_sla(), 050): a ticket paused a week ago with 30 hours
--     left came before one paused today with 2 hours left.
--     tickets.queue_paused_left holds that figure, and the queue's key
--     becomes (severity, queue_paused, queue_paused_left, queue_due, id):
--     running tickets have 0 there, so their order does not change.
--   * The column is kept by two BEFORE row triggers named to fire after
--     the SLA ones of 010 and 012 (one event's triggers fire by name), so
--     they see the waiting_since and resolution_due those set. Their WHEN
--     clauses keep them off the intake (an INSERT of a ticket not waiting
--     on the customer) and off every UPDATE that changes none of the
--     inputs (issue 19: intake speed is benchmarked).
--   * Existing paused tickets are filled set-based with the other tickets
--     triggers off (no version, updated_at, audit or search change), in
--     this migration's transaction.
--   * Every queue index whose key held (queue_paused, queue_due), 001's
--     and 030's tickets_unassigned_queue_idx, is made again with the new
--     column in between (same names, same predicates), and
--     api_ticket_take_next (030) is replaced whole with that order.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE tickets ADD COLUMN queue_paused_left bigint NOT NULL DEFAULT 0;
COMMENT ON COLUMN tickets.queue_paused_left IS
    'While queue_paused: the resolution time left when the pause began (seconds on the resolution clock, '
    'negative when it began after the deadline), the figure the queue shows; 0 otherwise. '
    'Kept by tickets_queue_paused_left() (340).';

-- @function tickets_queue_paused_left (sql/functions/queue.sql)

-- "tickets_sla_zq..." sorts after tickets_sla_insert, tickets_sla_update
-- and tickets_sla_zpositions: the waiting_since, resolution_due and
-- update_due seen here are final. A ticket inserted waiting on the
-- customer (the demo seeder without a superuser) is measured; intake
-- inserts a new ticket and never calls the function.
CREATE TRIGGER tickets_sla_zqueue_insert
    BEFORE INSERT ON tickets
    FOR EACH ROW
    WHEN (NEW.status = 'waiting_customer' OR NEW.queue_paused_left <> 0)
    EXECUTE FUNCTION tickets_queue_paused_left();
-- Only a ticket waiting on the customer now, or paused until now, and only
-- when an input changed (the column itself too: nobody sets it by hand).
CREATE TRIGGER tickets_sla_zqueue_update
    BEFORE UPDATE ON tickets
    FOR EACH ROW
    WHEN ((NEW.status = 'waiting_customer' OR OLD.queue_paused_left <> 0 OR NEW.queue_paused_left <> 0)
          AND (NEW.status IS DISTINCT FROM OLD.status
               OR NEW.waiting_since IS DISTINCT FROM OLD.waiting_since
               OR NEW.resolution_due IS DISTINCT FROM OLD.resolution_due
               OR NEW.resolution_clock IS DISTINCT FROM OLD.resolution_clock
               OR NEW.calendar_id IS DISTINCT FROM OLD.calendar_id
               OR NEW.acknowledged_at IS DISTINCT FROM OLD.acknowledged_at
               OR NEW.first_response_outcome IS DISTINCT FROM OLD.first_response_outcome
               OR NEW.update_due IS DISTINCT FROM OLD.update_due
               OR NEW.queue_paused_left IS DISTINCT FROM OLD.queue_paused_left))
    EXECUTE FUNCTION tickets_queue_paused_left();

-- The tickets paused now, in one statement, with the tickets triggers
-- switched off for it and then put back as they were (ENABLE, ALWAYS or
-- REPLICA): the backfill writes no audit row, no version, no updated_at.
DO $$
DECLARE
    r record;
BEGIN
    CREATE TEMP TABLE tickets_triggers_340 ON COMMIT DROP AS
        SELECT g.tgname::text AS name, g.tgenabled AS mode
          FROM pg_catalog.pg_trigger g
         WHERE g.tgrelid = 'ticketty.tickets'::regclass AND NOT g.tgisinternal AND g.tgenabled <> 'D';
    FOR r IN SELECT * FROM tickets_triggers_340 LOOP
        EXECUTE format('ALTER TABLE ticketty.tickets DISABLE TRIGGER %I', r.name);
    END LOOP;
    UPDATE ticketty.tickets t
       SET queue_paused_left = coalesce(ticketty.clock_between(t.calendar_id, coalesce(t.resolution_clock, 'wall'),
                                                               t.waiting_since, t.resolution_due), 0)
     WHERE t.queue_paused AND t.waiting_since IS NOT NULL;
    FOR r IN SELECT * FROM tickets_triggers_340 LOOP
        EXECUTE format('ALTER TABLE ticketty.tickets ENABLE %s TRIGGER %I',
                       CASE r.mode WHEN 'A' THEN 'ALWAYS' WHEN 'R' THEN 'REPLICA' ELSE '' END, r.name);
    END LOOP;
    DROP TABLE tickets_triggers_340;
END
$$;

-- The queue indexes of 001 and 030 in the new order (IF EXISTS: a test
-- takes this migration out by dropping the column, which drops them).
DROP INDEX IF EXISTS tickets_queue_idx, tickets_assignee_queue_idx, tickets_team_queue_idx,
    tickets_open_status_queue_idx, tickets_closed_status_queue_idx, tickets_waiting_queue_idx,
    tickets_open_unassigned_queue_idx, tickets_unassigned_queue_idx;
CREATE INDEX tickets_queue_idx
    ON tickets (severity, queue_paused, queue_paused_left, queue_due, id) WHERE is_open;
CREATE INDEX tickets_assignee_queue_idx
    ON tickets (assignee_id, severity, queue_paused, queue_paused_left, queue_due, id) WHERE is_open;
CREATE INDEX tickets_team_queue_idx
    ON tickets (team_id, severity, queue_paused, queue_paused_left, queue_due, id) WHERE is_open;
CREATE INDEX tickets_open_status_queue_idx
    ON tickets (status, severity, queue_paused, queue_paused_left, queue_due, id) WHERE is_open;
CREATE INDEX tickets_closed_status_queue_idx
    ON tickets (status, severity, queue_paused, queue_paused_left, queue_due, id) WHERE NOT is_open;
CREATE INDEX tickets_waiting_queue_idx
    ON tickets (severity, queue_paused, queue_paused_left, queue_due, id)
    WHERE is_open AND status IN ('waiting_customer', 'waiting_engineering');
CREATE INDEX tickets_open_unassigned_queue_idx
    ON tickets (severity, queue_paused, queue_paused_left, queue_due, id) WHERE is_open AND assignee_id IS NULL;
CREATE INDEX tickets_unassigned_queue_idx
    ON tickets (team_id, severity, queue_paused, queue_paused_left, queue_due, id)
    WHERE is_open AND assignee_id IS NULL;

