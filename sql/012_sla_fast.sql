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

-- The business position of `at` on calendar `cal` and the calendar's
-- generation, cached for the current statement in the session.
CREATE FUNCTION business_position_cached(cal smallint, at timestamptz,
                                         OUT pos numeric, OUT generation bigint)
    LANGUAGE plpgsql STABLE PARALLEL UNSAFE
AS $$
DECLARE
    v_key   text := cal || '/' || extract(epoch FROM at) || '/' || extract(epoch FROM statement_timestamp());
    v_cache text := current_setting('ticketty.sla_at_cache', true);
BEGIN
    IF v_cache IS NOT NULL AND v_cache <> '' AND split_part(v_cache, ' ', 1) = v_key THEN
        pos := split_part(v_cache, ' ', 2)::numeric;
        generation := split_part(v_cache, ' ', 3)::bigint;
        RETURN;
    END IF;
    pos := ticketty.business_position(cal, at);
    SELECT g.generation INTO generation FROM ticketty.calendar_generations g WHERE g.calendar_id = cal;
    PERFORM set_config('ticketty.sla_at_cache', v_key || ' ' || pos || ' ' || coalesce(generation, -1), false);
END
$$;

-- Keeps the stored positions of the business-clock due instants (and the
-- update clock) in step with the dues. Named to fire after the other
-- tickets_sla_* BEFORE triggers (triggers of one event fire by name).
CREATE FUNCTION tickets_sla_positions() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_gen bigint;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- trigger-owned
        NEW.first_response_due_pos := OLD.first_response_due_pos;
        NEW.resolution_due_pos := OLD.resolution_due_pos;
        NEW.sla_generation := OLD.sla_generation;
        NEW.update_clock := OLD.update_clock;
        IF NEW.first_response_due IS NOT DISTINCT FROM OLD.first_response_due
           AND NEW.resolution_due IS NOT DISTINCT FROM OLD.resolution_due
           AND NEW.update_due IS NOT DISTINCT FROM OLD.update_due
           AND NEW.calendar_id = OLD.calendar_id THEN
            RETURN NEW;
        END IF;
    END IF;
    SELECT g.generation INTO v_gen FROM calendar_generations g WHERE g.calendar_id = NEW.calendar_id;
    IF TG_OP = 'INSERT' AND NEW.sla_generation = v_gen THEN
        -- a bulk loader that measured the positions itself on this
        -- generation of the calendar saves two index probes per row
        RETURN NEW;
    END IF;
    NEW.sla_generation := v_gen;
    NEW.first_response_due_pos := CASE WHEN NEW.first_response_clock = 'business'
                                       THEN business_position(NEW.calendar_id, NEW.first_response_due) END;
    NEW.resolution_due_pos := CASE WHEN NEW.resolution_clock = 'business'
                                   THEN business_position(NEW.calendar_id, NEW.resolution_due) END;
    NEW.update_clock := CASE WHEN NEW.update_due IS NOT NULL THEN
                            coalesce((SELECT s.clock FROM sla_targets s
                                       WHERE s.kind = 'update' AND s.plan = NEW.plan
                                         AND s.severity = NEW.severity), 'wall') END;
    RETURN NEW;
END
$$;
CREATE TRIGGER tickets_sla_zpositions
    BEFORE INSERT OR UPDATE ON tickets
    FOR EACH ROW EXECUTE FUNCTION tickets_sla_positions();


REVOKE ALL ON FUNCTION tickets_sla_positions() FROM ticketty_agent;
