-- 973_rollup_lock_order.sql: the dashboard's rollups written in one lock
-- order by every statement, however many tickets it changes.
--
-- tickets_dashboard ran for each row changed (090, 700, 720) and wrote one
-- ticket's facts sorted by key, so a statement that changed many tickets
-- (admin policy reapply moving the deadlines of up to 10,000 open tickets,
-- an UPDATE ... WHERE id IN (...), tickets moved between teams) took the
-- rollup rows in the order of its tickets. Two such statements whose
-- tickets share rollup keys (the same team, severity and plan, due the
-- same days) took them in different orders and one of them was rolled
-- back with a deadlock (40P01); the figures stayed exact.
--
-- The update and delete triggers are now statement triggers with
-- transition tables (dashboard_old, dashboard_new): tickets_dashboard
-- (reports.sql, replaced in place) sums the facts of all the statement's
-- changed tickets per rollup key into an array of dashboard_delta (new)
-- and writes the rollup tables in a fixed order, each one's rows in the
-- order of its key, as tickets_after_insert writes a new ticket's. The
-- figures are those the row trigger wrote (tests/db/test_rollup_locks.c
-- compares them with a recount). A new ticket's insert trigger
-- (tickets_after_insert, one row per statement) is unchanged: intake pays
-- nothing for this.

SELECT set_config('search_path', 'ticketty', true);

-- one rollup key's net change: kind NULL is the backlog (open); met and
-- missed an outcome (hour NULL); pending a deadline due in `hour` (UTC)
CREATE TYPE dashboard_delta AS (
    customer_id int,
    team_id     smallint,
    severity    smallint,
    plan        plan_kind,
    kind        sla_kind,
    day         date,
    hour        timestamptz,
    met         int,
    missed      int,
    open        int,
    pending     int
);

DROP TRIGGER tickets_dashboard_update ON tickets;
DROP TRIGGER tickets_dashboard_delete ON tickets;
CREATE TRIGGER tickets_dashboard_update
    AFTER UPDATE ON tickets
    REFERENCING OLD TABLE AS dashboard_old NEW TABLE AS dashboard_new
    FOR EACH STATEMENT EXECUTE FUNCTION tickets_dashboard();
CREATE TRIGGER tickets_dashboard_delete
    AFTER DELETE ON tickets
    REFERENCING OLD TABLE AS dashboard_old
    FOR EACH STATEMENT EXECUTE FUNCTION tickets_dashboard();
