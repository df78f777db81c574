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
-- Columns added to tickets here are owned by the triggers as well (see the
-- list at the top of 010_sla.sql): first_response_due_pos,
-- resolution_due_pos, sla_generation, update_clock. A bulk INSERT (the
-- demo seeder) may supply them itself: they are kept when sla_generation
-- equals calendar_generations.generation of the ticket's calendar, the
-- positions being business_position(calendar_id, due) for business-clock
-- dues (NULL for wall-clock ones) and update_clock the update target's clock.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE tickets
    ADD COLUMN first_response_due_pos numeric,
    ADD COLUMN resolution_due_pos     numeric,
    ADD COLUMN sla_generation         bigint,
    ADD COLUMN update_clock           sla_clock;

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

-- (see 010) Same contract and result, no query on the common path, few statements:
-- each open deadline gets a score (state rank first, earlier due next) and
-- the best one is reported.
CREATE OR REPLACE FUNCTION ticket_sla(t tickets, at timestamptz DEFAULT tt_now()) RETURNS sla_info
    -- no SET clause: called for every row of a queue page (see clock functions)
    LANGUAGE plpgsql STABLE PARALLEL UNSAFE
AS $$
DECLARE
    v_res_at timestamptz := CASE WHEN t.waiting_since < at THEN t.waiting_since ELSE at END;
    s1 float8 := CASE WHEN t.first_response_outcome IS NULL AND t.acknowledged_at IS NULL
                           AND t.resolved_at IS NULL AND t.is_open
                      THEN CASE WHEN at >= t.first_response_due THEN 2e11
                                WHEN at >= t.first_response_risk_at THEN 1e11 ELSE 0 END
                           - date_part('epoch', t.first_response_due) END;
    s2 float8 := CASE WHEN t.resolved_at IS NULL AND t.is_open
                      THEN CASE WHEN v_res_at >= t.resolution_due THEN 2e11
                                WHEN v_res_at >= t.resolution_risk_at THEN 1e11 ELSE 0 END
                           - date_part('epoch', t.resolution_due) END;
    s3 float8 := CASE WHEN t.update_due IS NOT NULL
                      THEN CASE WHEN at >= t.update_due THEN 2e11
                                WHEN at >= t.update_risk_at THEN 1e11 ELSE 0 END
                           - date_part('epoch', t.update_due) END;
    v_best  float8 := GREATEST(s1, s2, s3);
    v_kind  ticketty.sla_kind;
    v_due   timestamptz;
    v_clk   ticketty.sla_clock;
    v_from  timestamptz := at;
    v_dpos  numeric;
    v_rem   bigint;
    v_key   text;
    v_cache text;
    v_apos  numeric;
    v_gen   bigint;
    v_diff  numeric;
    c       record;
BEGIN
    IF v_best IS NULL THEN
        RETURN ROW(coalesce(t.first_response_outcome::text, t.resolution_outcome::text, 'met'),
                   'first_response', t.first_response_due, NULL, t.first_response_clock)::ticketty.sla_info;
    ELSIF v_best = s1 THEN
        v_kind := 'first_response'; v_due := t.first_response_due;
        v_clk := t.first_response_clock; v_dpos := t.first_response_due_pos;
    ELSIF v_best = s2 THEN
        v_kind := 'resolution'; v_due := t.resolution_due;
        v_clk := t.resolution_clock; v_dpos := t.resolution_due_pos; v_from := v_res_at;
    ELSE
        v_kind := 'update'; v_due := t.update_due; v_clk := coalesce(t.update_clock, 'wall');
    END IF;
    IF v_clk IS DISTINCT FROM 'business' THEN
        v_rem := floor(date_part('epoch', v_due - v_from));
    ELSIF v_dpos IS NOT NULL AND v_from = at THEN
        -- the cache check is inlined: a nested call costs more than the rest
        v_key := t.calendar_id || '/' || date_part('epoch', at) || '/'
                 || date_part('epoch', statement_timestamp());
        v_cache := current_setting('ticketty.sla_at_cache', true);
        IF split_part(v_cache, ' ', 1) = v_key THEN
            v_apos := split_part(v_cache, ' ', 2)::numeric;
            v_gen := split_part(v_cache, ' ', 3)::bigint;
        ELSE
            c := ticketty.business_position_cached(t.calendar_id, at);
            v_apos := c.pos;
            v_gen := c.generation;
        END IF;
        IF v_gen IS NOT DISTINCT FROM t.sla_generation AND v_apos IS NOT NULL THEN
            v_diff := v_dpos - v_apos;
            v_rem := CASE WHEN v_diff >= 0 THEN floor(v_diff) ELSE -floor(-v_diff) END;
        ELSE
            v_rem := ticketty.clock_between(t.calendar_id, v_clk, v_from, v_due);
        END IF;
    ELSE
        v_rem := ticketty.clock_between(t.calendar_id, v_clk, v_from, v_due);
    END IF;
    -- the score's rank part: epochs of the calendar horizon are far below 5e10
    RETURN ROW(CASE WHEN v_best > 1.5e11 THEN 'breached'
                    WHEN v_best > 0.5e11 THEN 'at_risk' ELSE 'ok' END,
               v_kind, v_due, v_rem, coalesce(v_clk, 'wall'))::ticketty.sla_info;
END
$$;

REVOKE ALL ON FUNCTION tickets_sla_positions() FROM ticketty_agent;
