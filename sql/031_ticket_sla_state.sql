-- 031_ticket_sla_state.sql: ticket_sla_state(t), the SLA state shown by
-- `ticket show`, the ticket view and the escalation lists: the state of
-- ticket_sla(t) (010_sla.sql), the worst of the open deadlines (breached,
-- at_risk, ok), or the first-response outcome when none is open.
--
-- The state needs no clock arithmetic (only ticket_sla's time left does):
-- one SQL expression over the ticket's stored instants, with no SET
-- clause, so the planner inlines it and a list of 500 escalations costs
-- no function call per row and nothing compiled per session. A list
-- passes the instant it read once (`at`): tt_now() is a query of its own.

SELECT set_config('search_path', 'ticketty', true);

CREATE FUNCTION ticket_sla_state(t tickets, at timestamptz DEFAULT tt_now()) RETURNS text
    LANGUAGE sql STABLE
AS $$
    SELECT CASE greatest(
               -- first response: open, not answered
               CASE WHEN t.first_response_outcome IS NULL AND t.acknowledged_at IS NULL
                         AND t.resolved_at IS NULL AND t.status NOT IN ('resolved', 'closed')
                         AND t.first_response_due IS NOT NULL
                    THEN CASE WHEN at >= t.first_response_due THEN 2
                              WHEN at >= t.first_response_risk_at THEN 1 ELSE 0 END END,
               -- resolution: frozen at waiting_since while waiting on the customer
               CASE WHEN t.resolved_at IS NULL AND t.status NOT IN ('resolved', 'closed')
                         AND t.resolution_due IS NOT NULL
                    THEN CASE WHEN least(at, t.waiting_since) >= t.resolution_due THEN 2
                              WHEN least(at, t.waiting_since) >= t.resolution_risk_at THEN 1
                              ELSE 0 END END,
               CASE WHEN t.update_due IS NOT NULL
                    THEN CASE WHEN at >= t.update_due THEN 2
                              WHEN at >= t.update_risk_at THEN 1 ELSE 0 END END)
           WHEN 2 THEN 'breached' WHEN 1 THEN 'at_risk' WHEN 0 THEN 'ok'
           ELSE coalesce(t.first_response_outcome::text, t.resolution_outcome::text, 'met') END
$$;
GRANT EXECUTE ON FUNCTION ticket_sla_state(tickets, timestamptz) TO ticketty_agent;
