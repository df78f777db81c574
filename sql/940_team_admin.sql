-- 940_team_admin.sql: a desk adds, renames and retires its teams, and adds
-- and renames its request types, from the command line (`admin team
-- list|add|set|deactivate`, `admin request-type add`, `admin request-type
-- set KEY name=...|example=...`). The teams and request types were the
-- Client Services guide's, fixed by 001's reference data.
--
-- teams.active: a deactivated team takes no request type and no agent
-- (api_admin_request_type_add/_set, api_admin_agent_add/_set refuse it);
-- its tickets and history stay, and `queue --team` and the reports still
-- find it. A team is deactivated only when nothing still uses it: no
-- request type goes to it, no ticket of it is still to be closed, no
-- active agent belongs to it (team_leave_problems names each).

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE teams ADD COLUMN active boolean NOT NULL DEFAULT true;
COMMENT ON COLUMN teams.active IS
    'False once an admin deactivated the team: no request type is routed to it and no agent joins it.';
