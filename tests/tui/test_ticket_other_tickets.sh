#!/bin/sh
# The ticket names the customer's other tickets under its fields, at
# 80x24: the open ones first, newest first, each on one row (a title too
# long for the row is cut, never wrapped onto the next line), then how
# many more there are and the key that lists them all (h). Another
# customer's ticket is never among them. `ticket show` prints the same
# rows, cut at the terminal's width, and names `ticket history`.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 8 3 "Other ticket"
long='Campaign pacing stops at noon every day and the budget is never spent in full'
tt_sql "UPDATE tickets SET status = 'closed', resolved_at = created_at, closed_at = created_at,
                           title = 'Old closed one' WHERE id = 1;
        UPDATE tickets SET severity = 2, title = '$long' WHERE id = 3;
        UPDATE tickets SET customer_id = (SELECT id FROM customers WHERE name = 'Zeta Ads'),
                           contact_id = (SELECT id FROM contacts WHERE email LIKE 'carla%'
                                          AND customer_id = (SELECT id FROM customers WHERE name = 'Zeta Ads')),
                           title = 'Somebody else' WHERE id = 8;" >/dev/null

tt_start
tt_wait_for 'Other ticket 0002'
tt_keys :
tt_keys -l '2'
tt_keys Enter
tt_wait_for '^#2 +Other ticket 0002'
# the section, brought to the top by a search
tt_keys /
tt_keys -l 'Other tickets of'
tt_keys Enter
tt_wait_for '^Other tickets of Acme Media$'
# the five open ones, newest first; the closed one and ticket 2 itself not listed
tt_wait_for '^  #7  3 High  new  Other ticket 0007$'
screen=$(tt_screen)
rows=$(printf '%s\n' "$screen" | sed -n '/^Other tickets of Acme Media$/,/^$/p')
want=$(printf '%s\n' 'Other tickets of Acme Media' \
	'  #7  3 High  new  Other ticket 0007' \
	'  #6  3 High  new  Other ticket 0006' \
	'  #5  3 High  new  Other ticket 0005' \
	'  #4  3 High  new  Other ticket 0004' \
	'  #3  2 Urg   new  Campaign pacing stops at noon every day and the budget is ne…' \
	'  1 more ticket: press h' '')
[ "$rows" = "$want" ] || tt_fail "the other tickets, at 80 columns:
$rows"
tt_refute 'Somebody else'
tt_refute 'Old closed one'
# h lists them all, the closed one too
tt_keys h
tt_wait_for '6 other tickets of the customer of #2'
tt_assert '#1  closed .*Old closed one'
tt_keys q
tt_wait_for '^\[Ticket\] #2 '
tt_keys Q
tt_wait_for 'tt-exit=0'

# ticket show on the same terminal: the same rows, cut at its width, and
# the hint names the command; piped, the title whole
tt_shell 'exec_tt ticket show 2'
tt_wait_for 'tt-exit=0'
tt_assert '^  #7  3 High  new  Other ticket 0007$'
tt_assert '^  #3  2 Urg   new  Campaign pacing stops at noon every day and the budget is ne…$'
tt_assert '^  1 more ticket: ticketty ticket history 2$'
tt_shell "exec_tt ticket show 2 | grep -c '^  #3  2 Urg   new  $long\$'"
tt_wait_for '^1$'
