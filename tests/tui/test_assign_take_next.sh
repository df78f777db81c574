#!/bin/sh
# Take-next and assign from the TUI: `N` in the queue claims the most
# urgent unassigned ticket of the caller's team and opens it (or says none
# is left); `@` (ticket view, or from the queue through it) picks an
# agent by display name and assigns; both keys are
# listed in the help.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 2 3 "Work"
tt_tickets 1 2 "Hot"
tt_start
tt_wait_for 'Hot 0001'

# the help of the queue lists both keys
tt_keys '?'
tt_wait_for '^  N +take the most urgent unassigned'
tt_wait_for '^  @ +assign the ticket to an agent'
tt_keys q
tt_wait_for 'Hot 0001'

# N: the severity-2 ticket first, opened in the ticket view
hot=$(tt_val "SELECT id FROM tickets WHERE title = 'Hot 0001'")
tt_keys N
tt_wait_for "^#$hot +Hot 0001"
tt_wait_for "ticket $hot is yours"
tt_wait_for 'Assignee +Pat Postgres'
[ "$(tt_val "SELECT a.login FROM tickets t JOIN agents a ON a.id = t.assignee_id WHERE t.id = $hot")" = postgres ] ||
	tt_fail "ticket $hot not assigned in the database"

# @ in the ticket view: a name no agent has matches no choice; Enter
# takes nothing and Esc leaves the ticket as it was
tt_keys @
tt_wait_for 'Assign to'
tt_keys -l 'nobody'
tt_wait_for 'no choice matches what you typed'
tt_keys Enter
tt_keys Escape
tt_wait_gone 'Assign to'
[ "$(tt_val "SELECT a.login FROM tickets t JOIN agents a ON a.id = t.assignee_id WHERE t.id = $hot")" = postgres ] ||
	tt_fail "a refused assignment changed the ticket"
tt_keys @
tt_wait_for 'Assign to'
tt_keys -l 'Olga'
tt_keys Enter
tt_wait_for 'assigned to Olga Other'
tt_wait_for 'Assignee +Olga Other'

# back to the queue: N takes the remaining two in queue order, each
# opened in its ticket view (both titles show in the queue as well), then
# says none is left
w1=$(tt_val "SELECT id FROM tickets WHERE title = 'Work 0001'")
w2=$(tt_val "SELECT id FROM tickets WHERE title = 'Work 0002'")
tt_keys q
tt_wait_for '\[Queue\]'
tt_keys N
tt_wait_for "^#$w1 +Work 0001"
tt_wait_for "ticket $w1 is yours"
tt_keys q
tt_wait_for '\[Queue\]'
tt_keys N
tt_wait_for "^#$w2 +Work 0002"
tt_wait_for "ticket $w2 is yours"
tt_keys q
tt_wait_for 'Hot 0001'
tt_keys N
tt_wait_for 'no unassigned open ticket is left'
[ "$(tt_val "SELECT count(*) FROM tickets WHERE assignee_id IS NULL")" = 0 ] ||
	tt_fail "take-next left tickets unassigned"

# @ from the queue: opens the selected ticket with the prompt
tt_keys g
tt_keys @
tt_wait_for 'Assign to'
tt_keys -l 'Pat Post'
tt_keys Enter
tt_wait_for 'assigned to Pat Postgres'
tt_wait_for "Assignee +Pat Postgres"
tt_keys Q
tt_wait_for 'tt-exit=0'
