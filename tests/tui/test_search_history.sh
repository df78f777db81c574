#!/bin/sh
# The customer's history, one key (h) away in the ticket view: the other
# tickets of the customer, open ones first (newest first), then closed,
# never another customer's; Enter opens one. L links: =N closes the
# ticket as a duplicate of N (a public message names N), and the history
# of N shows the link.
TT_COLS=100
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' running   # a Wednesday, 10:00 in New York
tt_tickets 4 3 "History ticket"
tt_sql "UPDATE tickets SET status = 'closed', resolved_at = created_at, closed_at = created_at,
                           title = 'Old closed one' WHERE id = 1;
        UPDATE tickets SET customer_id = (SELECT id FROM customers WHERE name = 'Zeta Ads'),
                           contact_id = (SELECT id FROM contacts WHERE email LIKE 'carla%'
                                          AND customer_id = (SELECT id FROM customers WHERE name = 'Zeta Ads')),
                           title = 'Somebody else' WHERE id = 4;" >/dev/null

tt_start "" 
tt_wait_for 'History ticket 0002'
tt_keys : 
tt_keys -l '2'
tt_keys Enter
tt_wait_for '#2  History ticket 0002'
tt_keys h
tt_wait_for '2 other tickets of the customer of #2'
open_line=$(tt_line_of '#3  new')
closed_line=$(tt_line_of '#1  closed')
[ -n "$open_line" ] && [ -n "$closed_line" ] && [ "$open_line" -lt "$closed_line" ] ||
	tt_fail "open #3 should come before closed #1 ($open_line, $closed_line)"
tt_refute 'Somebody else'
tt_refute '#2  '
tt_keys Enter
tt_wait_for '#3  History ticket 0003'

# link #3 as a duplicate of #2
tt_keys L
tt_wait_for 'Link to ticket'
tt_keys -l '=2'
tt_keys Enter
tt_wait_for 'closed as a duplicate of #2'
tt_keys G
tt_wait_for 'This request duplicates ticket #2'
# the timeline says it in words, naming the surviving ticket
tt_wait_for 'closed it as a duplicate of #2'
# and the ticket names the link under its facts
tt_keys g
tt_wait_for 'Links +duplicate of #2'
tt_keys q
tt_wait_for 'other tickets of the customer of #2'
tt_keys R
tt_wait_for '#3  closed  3 High  History ticket 0003  \(duplicate of\)'
tt_keys Q
tt_wait_for 'tt-exit=0'
