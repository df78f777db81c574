-- 280_request_type_routing.sql: admins route request types (DESIGN.md
-- section 8: routing is shared policy and lives in the database). Until
-- now only the schema owner could change where a type goes, with SQL.
-- A request type goes to a team (team=KEY) or to the customer's account
-- representative (account_rep=yes: intake then refuses it, naming the
-- representative), and may be marked a user-interface problem
-- (ui_related=yes: screenshots become mandatory at intake). Tickets
-- already filed keep their team: a change applies from the next intake.
-- Each change is audited as request_type.set, before and after.

SELECT set_config('search_path', 'ticketty', true);

-- @function admin_request_type_json (sql/functions/admin.sql)

-- @function api_admin_request_type_list (sql/functions/admin.sql)

-- @function api_admin_request_type_set (sql/functions/admin.sql)

