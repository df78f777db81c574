-- 011_sla_api.sql: what the CLI asks of the SLA engine: due instants for
-- `sla due`, each deadline of a ticket for `sla explain`, and replacing the business calendar and targets
-- (`admin policy load`).

SELECT set_config('search_path', 'ticketty', true);

-- ------------------------------------------------------------ sla due --

-- @function api_sla_due (sql/functions/sla.sql)

-- --------------------------------------------------------- sla explain --

-- @function ticket_deadlines (sql/functions/sla.sql)

-- @function ticket_sla_json (sql/functions/sla.sql)

-- -------------------------------------------------------------- policy --

-- @function policy_require_admin (sql/functions/sla.sql)

-- @function api_policy_load (sql/functions/sla.sql)

-- @function policy_json (sql/functions/sla.sql)

