-- 031_ticket_sla_state.sql: ticket_sla_state(t), the SLA state shown by
-- `ticket show` and the ticket view, now simply reads ticket_sla(t).state
-- from 010_sla.sql (the 030 version looked for a one-argument ticket_sla
-- and fell back to a wall-clock estimate of the first-response state).

SELECT set_config('search_path', 'ticketty', true);

CREATE OR REPLACE FUNCTION ticket_sla_state(t tickets) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$ SELECT (ticket_sla(t)).state $$;
