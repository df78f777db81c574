-- 640_sla_past_due.sql: `report sla` and the dashboard counted a deadline
-- only once it was decided (answered or resolved), so a week read 98 % met
-- while the queue held overdue tickets nobody had answered. Beside met and
-- missed, report_sla now gives the deadlines past due now and not yet
-- decided, per clock: first_response_past_due (open, not acknowledged,
-- its first-response deadline passed) and resolution_past_due (open, not
-- resolved, its resolution deadline passed on the ticket's running clock:
-- while it waits on the customer the clock is frozen at waiting_since, as
-- ticket_sla_state of 030 reads it). They are live figures, not rollups:
-- each counts in the week its deadline passed, in the report's period
-- (a customer's: whole weeks), groups and filters; they are not in the
-- share met (nothing is decided yet), and groups by team and customer
-- come most breaches first, past due included.
--
-- Their cost follows the overdue tickets, not the desk: each is read from
-- a partial index on the deadline over the open, undecided tickets only,
-- scanned from the period's start to now, with the group columns included
-- (an index-only scan where the visibility map allows).
-- report_sla (091) is replaced whole (its result gains two columns, so it
-- is dropped and created; agents keep EXECUTE by the default privileges of
-- 002, and it stays in agent_callable_helpers).

SELECT set_config('search_path', 'ticketty', true);

CREATE INDEX tickets_first_response_past_due_idx
    ON tickets (first_response_due) INCLUDE (team_id, severity, plan, customer_id)
    WHERE is_open AND first_response_outcome IS NULL AND acknowledged_at IS NULL AND resolved_at IS NULL;
CREATE INDEX tickets_resolution_past_due_idx
    ON tickets (resolution_due) INCLUDE (team_id, severity, plan, customer_id, waiting_since)
    WHERE is_open AND resolved_at IS NULL;

DROP FUNCTION IF EXISTS report_sla(date, date, text, text, text, int, text, int);

