-- 012_sla_fast.sql: the SLA state of a queue row without a query.
--
-- ticket_sla() runs for every row of a queue page, so its common path runs
-- no query at all: the business position (see business_position in 010) of
-- each business-clock due instant is stored on the ticket together with the
-- generation of the calendar it was measured on, and the position of `at`
-- is computed once per statement and kept in the session setting
-- ticketty.sla_at_cache. A ticket measured on an older calendar generation
-- (the policy changed since), or created before this migration, takes the
-- slow path, which is exact too.
--
-- Columns of tickets (001) owned by these triggers as well (see the
-- list at the top of 010_sla.sql): first_response_due_pos,
-- resolution_due_pos, sla_generation, update_clock. A bulk INSERT (the
-- demo seeder) may supply them itself: they are kept when sla_generation
-- equals calendar_generations.generation of the ticket's calendar, the
-- positions being business_position(calendar_id, due) for business-clock
-- dues (NULL for wall-clock ones) and update_clock the update target's clock.

SELECT set_config('search_path', 'ticketty', true);

-- @function business_position_cached (sql/functions/sla.sql)

-- @function tickets_sla_positions (sql/functions/sla.sql)
CREATE TRIGGER tickets_sla_zpositions
    BEFORE INSERT OR UPDATE ON tickets
    FOR EACH ROW EXECUTE FUNCTION tickets_sla_positions();

