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

