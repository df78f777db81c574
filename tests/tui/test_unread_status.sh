#!/bin/sh
# The status line counts the agent's unread notifications: read at the
# start, and again after a batch of database notifications, so an
# escalation raised to the agent by another process shows up without a
# key press; marking them read and reloading (R) clears it.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
# the TUI's agent (login postgres) is the CSM of Acme Media
tt_sql "UPDATE agents SET role = 'csm' WHERE login = 'postgres'" >/dev/null
tt_csm_of postgres 'Acme Media'
tt_role olga engineer
tt_tickets 2 3 "Quiet"
# one unread notification from before the start
tt_sql "INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload)
        SELECT a.id, 'ticket.changed', t.id, '{}' FROM agents a, tickets t
         WHERE a.login = 'postgres' AND t.title = 'Quiet 0001'" >/dev/null
tt_start
tt_wait_for 'Quiet 0002'
tt_wait_for '\[1 unread notification\]'

# another agent (olga) escalates a ticket to the agent from another
# process: a second one arrives (escalating to oneself tells nobody)
id=$(tt_val "SELECT id FROM tickets WHERE title = 'Quiet 0002'")
"$TICKETTY_BIN" --db "dbname=$TT_DB user=olga" escalate "$id" --reason "Customer is unhappy" >/dev/null ||
	tt_fail "ticketty escalate failed"
tt_wait_for '\[2 unread notifications\]'

# read elsewhere: R re-reads the count and the marker goes
"$TICKETTY_BIN" --db "dbname=$TT_DB" notify mine --mark-read >/dev/null ||
	tt_fail "ticketty notify mine --mark-read failed"
tt_keys R
tt_wait_gone 'unread notification'
tt_keys Q
tt_wait_for 'tt-exit=0'
