-- 330_admin_checks.sql: deactivating an agent is checked as leaving its
-- role is, and two desk settings are audited.
--   * `admin agent deactivate LOGIN` and `admin agent set LOGIN active=no`
--     took an agent off the desk with the work a role change refuses to
--     leave behind: the escalations it held stayed with it, so nobody
--     could act on them, and a customer whose CSM it was could not be
--     escalated at all. Both are now refused (TT400, the role change's
--     codes still_csm and holds_escalations, naming the customers and the
--     tickets) while the agent is a customer's CSM or holds a live level
--     nobody else of that level could take. As with a role change, the
--     levels someone else can take go to that agent by themselves
--     (agents_escalation_hand_over, 250). The rules stay in one place:
--     agent_role_problems() (250, replaced whole) reads a NULL role as
--     leaving every role, and agent_leave_problems() names them under
--     the field the command was given. api_admin_agent_deactivate (005)
--     and api_admin_agent_set (230) are replaced whole.
--   * `mail policy KEY VALUE` and `admin template set KIND LANG` changed
--     the desk's mail without an admin_events row; they are audited as
--     mail_policy.set (the setting's value before and after) and
--     template.set (the template's subject and body before and after),
--     like every other change an admin makes. api_mail_policy_set and
--     api_mail_template_set (061) are replaced whole. An unchanged value
--     writes no row.

SELECT set_config('search_path', 'ticketty', true);

-- @function agent_leave_problems (sql/functions/admin.sql)

-- @function admin_mail_template_json (sql/functions/admin.sql)

