#!/bin/sh
# The intake form's customer picker marks a customer who is no longer
# active, as the contact picker marks a contact who may not open tickets:
# dimmed, "(no longer an active customer)" in place of its plan. Before,
# it was offered like any other and only the submit was refused. In
# English and in Spanish.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_sql "INSERT INTO customers (name, member_id, plan, active) VALUES ('Gone Media', 1005, 'premium', false)"
tt_start
tt_wait_for 'ticketty │ Queue'
tt_keys n
tt_wait_for '^Customer \*'
intake_type "gone" 'Gone Media +\(no longer an active customer\)'
tt_refute 'Gone Media +premium'
tt_keys C-u
# an active customer shows its plan, unmarked (waiting until the filter
# has put the inactive one away: the whole list shows both at first)
intake_type "acme" 'Acme Media +premium'
tt_wait_gone 'Gone Media'
tt_refute 'no longer an active customer'
close_list 'Acme Media'
tt_keys Escape
tt_wait_for 'Keep the draft for later'
tt_keys n
tt_wait_for 'ticketty │ Queue'
tt_keys Q
tt_wait_for 'tt-exit=0'
