-- 400_cli_results.sql: a change reports what it did, and a refusal that
-- no retry can mend is no conflict.
--   * `ticket set --json` read its result back with a second query, "the
--     latest re-triage at the ticket's current version": another agent's
--     re-triage (when the call changed nothing, or between the two
--     queries) or null (after any other change) was reported as the
--     caller's. api_ticket_retriage(id, expected_version, changes, reason)
--     is api_ticket_set (100) returning, in the same call, what it did:
--     {"ticket", "version", "event" (the ticket_events id), "retriage":
--     {"reason", "changes"}}, the changes as the audit event holds them.
--   * A re-triage that changes nothing (every value given is the
--     ticket's already) used to write nothing and return the current
--     version, so the caller was told "updated" and its reason was kept
--     nowhere. It is refused (TT400, code unchanged, one line per field
--     naming the value it already has): a re-triage on record always has
--     its reason. api_ticket_set (100) is replaced whole: it returns the
--     version of api_ticket_retriage, for the clients that read an int.
--   * A status change the state machine refuses (-> not allowed, already
--     in that status, reopening what is not resolved, new -> acknowledged
--     without a public reply) raised TT409, which clients map to "try
--     again" (75); no retry can make it succeed. It is TT400 (65) with a
--     DETAIL line on `status` (codes not_allowed, unchanged) or `message`
--     (required); the messages and the hint stay as they were. A stale
--     version stays TT409 (ticket_lock). ticket_apply_status (030) is
--     replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- @function api_ticket_retriage (sql/functions/retriage.sql)

