#!/bin/sh
# The escalations view's detail pane follows the cursor once it rests on
# an escalation (issue 17, over a slow link): a move writes the list's
# marks at once and the selected escalation's title, reasons and chain a
# moment later, so a held key does not write a pane for every row it
# passes. The pane is never blanked meanwhile, and it always comes: no
# key needs pressing. A key for something else than a move (here the
# filter prompt, in the same burst as the move) first brings the pane to
# the selected escalation, so a prompt never stands beside another
# escalation's reasons.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_role esc_rest_csm csm
tt_agent esc_rest_csm csm
tt_csm_of esc_rest_csm 'Acme Media'
tt_tickets 1 2 "Blank"
tt_tickets 1 3 "Calm"
tt_sql "SELECT api_escalate(id, 'Customer threatens to cancel') FROM tickets WHERE title = 'Blank 0001'" >/dev/null
tt_sql "SELECT api_escalate(id, 'Invoices disagree with the delivery report') FROM tickets WHERE title = 'Calm 0001'" >/dev/null
blank=$(tt_val "SELECT id FROM tickets WHERE title = 'Blank 0001'")
calm=$(tt_val "SELECT id FROM tickets WHERE title = 'Calm 0001'")

tt_start
tt_wait_for 'Blank 0001'
tt_keys 2
tt_wait_for 'CSM \(2\)'
# the more severe first, and its pane at once
# (the pane's lines: "#id title", then each step's reason on a line of its
# own under its level; the list's rows start with the id)
tt_wait_for "^#$blank Blank 0001"
tt_assert '^ +Customer threatens to cancel *$'
tt_refute "^#$calm "

# one move: the pane follows by itself, the old reasons give way
tt_keys j
tt_wait_for "^#$calm Calm 0001"
tt_wait_for '^ +Invoices disagree with the delivery report *$'
tt_wait_gone '^ +Customer threatens'
tt_refute "^#$blank "

# a move and the filter prompt in one burst: the prompt opens beside the
# newly selected escalation's pane, not the one the cursor left
tt_keys k /
tt_wait_for 'Filter \(title, customer'
tt_assert "^#$blank Blank 0001"
tt_assert '^ +Customer threatens to cancel *$'
tt_refute '^ +Invoices disagree'
tt_keys Escape
tt_wait_gone 'Filter \(title'
tt_keys Q
tt_wait_for 'tt-exit=0'
