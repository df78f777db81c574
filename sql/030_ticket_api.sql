-- 030_ticket_api.sql: the ticket lifecycle API (acknowledge, reply, note,
-- take, assign, take-next, status changes, resolve, close, reopen).
--
-- Every api_ticket_* function is one transaction-sized change: it resolves
-- the caller (current_agent_id(), TT403 for a non-agent), locks the ticket
-- row, refuses a stale expected_version (TT409, the message saying who
-- changed what since), checks the state machine (TT409 naming from -> to),
-- validates its text (TT400, one DETAIL line per field), updates the ticket
-- (bumping version and updated_at), adds comments, and finally writes the
-- audit event with audit() AFTER the update so the event carries the new
-- version. expected_version NULL skips the version check.
--
-- Decisions (see also DESIGN.md section 5):
-- * Support staff (every role but pm and developer) may work any ticket:
--   take, assign, reply, change the status, resolve, close and reopen.
--   Product managers and developers collaborate through internal notes
--   only: every other change is refused to them (TT403,
--   ticket_require_support). Taking a ticket assigned to someone else
--   reassigns it (the event records the previous assignee).
-- * A public reply on a `new` ticket is the first response: it acknowledges
--   the ticket (same as api_ticket_ack). Otherwise a reply never changes the
--   status. Replies are refused on closed tickets; notes are accepted in
--   every state.
-- * The state machine is data: ticket_transitions. new -> acknowledged needs
--   a first public reply, so only ack/reply perform it (set_status refuses).
--   waiting_engineering needs a bug reference (given, or already on the
--   ticket); bug_ref is refused for any other target.
-- * Every message that reaches the customer is a public message: resolving
--   needs a public resolution message (TT400 on `message` without one), and
--   the first public message is the first response (a ticket resolved while
--   `new` is acknowledged by its resolution message). Reopening
--   (resolved -> in_progress) may carry an internal note saying why; it
--   clears resolved_at and resolution_outcome.
-- * Taking or assigning to the agent who already holds the ticket changes
--   nothing and returns the current version (no event).
-- * The SLA columns (deadlines, outcomes, pauses) are maintained by the
--   triggers of 010_sla.sql; these functions set only status,
--   acknowledged_at, last_public_reply_at, resolved_at, closed_at, bug_ref,
--   assignee_id, version, updated_at (and resolution_outcome on reopen).

SELECT set_config('search_path', 'ticketty', true);

-- ------------------------------------------------------ state machine --

CREATE TABLE ticket_transitions (
    from_status ticket_status,
    to_status   ticket_status,
    action      text NOT NULL CHECK (action IN ('ack', 'status', 'resolve', 'close', 'reopen')),
    PRIMARY KEY (from_status, to_status),
    CHECK (from_status <> to_status)
);
COMMENT ON TABLE ticket_transitions IS
    'Allowed ticket status changes (DESIGN.md section 5) and the action that performs each.';

INSERT INTO ticket_transitions (from_status, to_status, action) VALUES
    ('new',                 'acknowledged',        'ack'),
    ('new',                 'resolved',            'resolve'),
    ('acknowledged',        'in_progress',         'status'),
    ('acknowledged',        'resolved',            'resolve'),
    ('in_progress',         'waiting_customer',    'status'),
    ('in_progress',         'waiting_engineering', 'status'),
    ('in_progress',         'resolved',            'resolve'),
    ('waiting_customer',    'in_progress',         'status'),
    ('waiting_customer',    'resolved',            'resolve'),
    ('waiting_engineering', 'in_progress',         'status'),
    ('waiting_engineering', 'resolved',            'resolve'),
    ('resolved',            'closed',              'close'),
    ('resolved',            'in_progress',         'reopen');

-- take-next walks only the unassigned open tickets of one team, in queue order.
CREATE INDEX tickets_unassigned_queue_idx
    ON tickets (team_id, severity, queue_paused, queue_due, id)
    WHERE is_open AND assignee_id IS NULL;

-- ------------------------------------------------------------ helpers --

-- @function ticket_changes_since (sql/functions/tickets.sql)

-- @function ticket_lock (sql/functions/tickets.sql)

-- @function ticket_check_text (sql/functions/tickets.sql)

-- @function ticket_require_support (sql/functions/tickets.sql)

-- @function ticket_add_comment (sql/functions/tickets.sql)

-- @function ticket_apply_status (sql/functions/tickets.sql)

-- @function ticket_apply_assignee (sql/functions/tickets.sql)

-- ---------------------------------------------------------------- API --

-- @function api_ticket_ack (sql/functions/tickets.sql)

-- @function api_ticket_reply (sql/functions/tickets.sql)

-- @function api_ticket_note (sql/functions/tickets.sql)

-- @function api_ticket_take (sql/functions/tickets.sql)

-- @function ticket_find_agent (sql/functions/tickets.sql)

-- @function api_ticket_assign (sql/functions/tickets.sql)

-- @function api_ticket_take_next (sql/functions/tickets.sql)

-- @function api_ticket_set_status (sql/functions/tickets.sql)

-- @function api_ticket_transitions (sql/functions/tickets.sql)

-- @function api_ticket_resolve (sql/functions/tickets.sql)

-- @function api_ticket_close (sql/functions/tickets.sql)

-- @function api_ticket_reopen (sql/functions/tickets.sql)

-- ---------------------------------------------------------- read side --

-- @function ticket_sla_state (sql/functions/tickets.sql)
-- ---------------------------------------------------------- privileges --

GRANT SELECT ON ticket_transitions TO ticketty_agent;
