-- 175_ticket_insert.sql: the one AFTER INSERT trigger of tickets.
--
-- What a new ticket adds elsewhere, in one trigger call instead of three
-- (each PL/pgSQL trigger call sets up its own NEW record, saves and
-- restores search_path, and starts its own statements): its two search
-- rows (070), its facts in the dashboard rollups (090) and, when it is
-- inserted already waiting on the customer, its SLA pause row (010). The
-- updates and deletes of tickets keep their triggers in those files.
-- Row-level: intake creates one ticket per statement, and the bulk loader
-- (the demo seeder) runs with triggers off and rebuilds both (a statement
-- trigger over a transition table would add a tuplestore and a join per
-- single-row insert).

SELECT set_config('search_path', 'ticketty', true);

-- @function tickets_after_insert (sql/functions/tickets.sql)
CREATE TRIGGER tickets_after_insert
    AFTER INSERT ON tickets
    FOR EACH ROW EXECUTE FUNCTION tickets_after_insert();

