-- 100_retriage.sql: re-triage after intake (DESIGN.md §5).
--
-- api_ticket_set(id, expected_version, changes, reason) changes any intake
-- field of a ticket but its customer: severity, request type (and so its
-- team), case reason, contact and every other field of intake_fields.
--   * Same validation as intake: the ticket's current values merged with
--     `changes` go through intake_resolve() (020_intake.sql); a refusal
--     names each offending changed field, and the fields a change makes
--     required (phone for severity 1, screenshots for a UI request type).
--     Account-representative request types are refused naming the rep.
--   * A reason is mandatory; support staff only (pm and developer write
--     internal notes only); closed tickets are final (TT409).
--   * One `retriage` audit event holds the reason and every changed field
--     as {"field": {"from": ..., "to": ...}} (team too when it moves).
--   * Running deadlines follow from the SLA trigger (010_sla.sql): a new
--     severity re-reads the targets from created_at for every deadline
--     whose outcome is not stored yet; stored outcomes stay.
--   * The assignee (ticket.retriaged) and, when the team changes, every
--     active agent of the new team (ticket.rerouted) are notified; a ticket
--     that becomes severity 1 notifies like an emergency at intake.
--   * Changing nothing (every value already as given) writes nothing and
--     returns the current version.

SELECT set_config('search_path', 'ticketty', true);

-- @function ticket_intake_payload (sql/functions/retriage.sql)

-- @function retriage_shown (sql/functions/retriage.sql)

-- @function api_ticket_set (sql/functions/retriage.sql)

