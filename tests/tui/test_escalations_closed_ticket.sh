#!/bin/sh
# Closing a ticket ends its escalation (sql/931): from the escalations
# view (`2`) the engineer opens an escalated ticket that is resolved,
# closes it with the status picker, and back in view 2 it is no longer
# listed and the level counts one less; the other escalated ticket stays.
# The CSM who held it is told, in words, why it ended.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_role esc_tui_csm csm
tt_agent esc_tui_csm csm
tt_csm_of esc_tui_csm 'Acme Media'
tt_tickets 2 2 "Blank"
# the engineer (login postgres) raises both to the CSM, then resolves the first
tt_sql "SELECT api_escalate(id, 'Customer threatens to cancel') FROM tickets ORDER BY id" >/dev/null
tt_sql "SELECT api_ticket_resolve(id, NULL, 'The placements render again.') FROM tickets
         WHERE title = 'Blank 0001'" >/dev/null

tt_start
tt_wait_for 'Blank 0002'
tt_keys 2
# resolved, not closed: still escalated (it may be reopened)
tt_wait_for 'CSM \(2\)'
tt_wait_for '^ +1 2 Urg +met +Acme Media'
tt_assert '^ +2 2 Urg '
tt_wait_for '^#1 Blank 0001'   # the selected row's pane
tt_keys Enter
tt_wait_for '^#1 +Blank 0001'
tt_keys s
tt_wait_for 'New status:'
tt_keys -l 'closed'
tt_wait_for '^> closed'
tt_keys Enter
tt_wait_for 'status is now closed'
# the ticket says how its escalation ended
tt_wait_for 'escalation resolved \(L1\)'
tt_keys 2
tt_wait_for 'CSM \(1\)'
tt_wait_for '^#2 Blank 0002'
tt_assert '^ +2 2 Urg '
tt_refute '^ +1 2 Urg |Blank 0001'
tt_keys Q
tt_wait_for 'tt-exit=0'

# the CSM who held it hears why it ended, in words
tt_keys "clear; exec_tt --db='dbname=$TT_DB user=esc_tui_csm'" Enter
tt_wait_for 'Blank 0002'
tt_keys 5
tt_wait_for 'resolved the escalation at L1: the ticket was closed'
tt_keys Q
tt_wait_for 'tt-exit=0'

state=$(tt_val "SELECT string_agg(ticket_id || ':' || state, ',' ORDER BY ticket_id) FROM escalations")
[ "$state" = "1:resolved,2:open" ] || tt_fail "escalations ended as $state"
