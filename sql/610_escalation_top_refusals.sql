-- 610_escalation_top_refusals.sql: a refusal at the CEO's level says what
-- is true there, where no level is higher.
--   * Acknowledging, resolving or handing over the CEO's level by anyone
--     but its holder or an administrator (who acts on every level, 040):
--     "only Victor Lindqvist (holder of the CEO level) or an administrator
--     may resolve this escalation" (was "... or a higher level may ...").
--   * Passing the CEO's level up, by anyone: refused as its holder is,
--     "ticket 10 is already escalated to the CEO: there is no higher
--     level" (TT400, level no_higher; was, for the COO, "only Victor
--     Lindqvist ... or a higher level may pass up this escalation", which
--     neither may).
--   040's esc_refuse_not_holder is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

CREATE OR REPLACE FUNCTION esc_refuse_not_holder(e escalations, what text) RETURNS void
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_holder text := coalesce((SELECT a.display_name FROM agents a WHERE a.id = e.holder_id), 'its holder');
    v_level  text := (SELECT upper(l.key) FROM escalation_levels l WHERE l.level = e.level);
BEGIN
    IF e.level >= 3 AND what = 'pass up' THEN
        RAISE EXCEPTION 'ticket % is already escalated to the CEO: there is no higher level', e.ticket_id
            USING ERRCODE = 'TT400',
                  DETAIL = E'level\tno_higher\tis the CEO''s, the highest: there is no level above it';
    ELSIF e.level >= 3 THEN
        RAISE EXCEPTION 'only % (holder of the % level) or an administrator may % this escalation',
                        v_holder, v_level, what
            USING ERRCODE = 'TT403';
    END IF;
    RAISE EXCEPTION 'only % (holder of the % level) or a higher level may % this escalation',
                    v_holder, v_level, what
        USING ERRCODE = 'TT403';
END
$$;

REVOKE ALL ON FUNCTION esc_refuse_not_holder(escalations, text) FROM ticketty_agent, PUBLIC;
