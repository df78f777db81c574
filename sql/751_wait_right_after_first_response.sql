-- 751_wait_right_after_first_response.sql: asking the customer (or
-- waiting on engineering) right after the first response took two status
-- changes: acknowledged -> in_progress, then in_progress -> waiting_*
-- (DESIGN.md section 5), though asking for what is missing is the most
-- common thing to do once a ticket is acknowledged.
--   * api_ticket_set_status and api_ticket_ask now take an acknowledged
--     ticket to waiting_customer or waiting_engineering in one call,
--     through in_progress: the state machine is kept (two status events,
--     two versions, each audited and notified as before), all or nothing
--     (a refusal of the second step, such as a missing bug reference,
--     leaves the ticket acknowledged). The caller's expected version is
--     checked by the first step.
--   * api_ticket_transitions offers those two waits for an acknowledged
--     ticket, so the TUI's status picker shows them.
-- ticket_transitions is unchanged. api_ticket_set_status (030),
-- api_ticket_ask and api_ticket_transitions (560) are replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- @function ticket_step_into_work (sql/functions/tickets.sql)

