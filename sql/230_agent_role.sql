-- 230_agent_role.sql: an agent's role can change (issue 13's records
-- that change). An engineer promoted to Customer Success Manager, a CSM
-- who became the COO: the role was fixed at `admin agent add`, and the
-- login could not be added again. api_admin_agent_set() (210, replaced
-- whole: see sql/README) takes `role` too, and moves the login from one
-- ticketty_<role> group to the other in the same transaction. A change
-- that would leave work with nobody is refused, naming that work: the
-- customers whose CSM it is (when it stops being a CSM), the open
-- escalations it holds (each level is held by its role), the open
-- tickets assigned to it (when it becomes a pm or developer, who are
-- never assigned). Nobody changes their own role.

SELECT set_config('search_path', 'ticketty', true);

-- @function agent_role_problems (sql/functions/admin.sql)

