#!/bin/sh
# Re-triage of a ticket with two screenshot URLs at 80x24: the one-line
# Screenshots field shows them as "a, b", the form counts nothing changed
# and Esc leaves it without asking to keep a draft; a new severity is then
# stored and the two URLs stay two. Before, the list came in with a line
# break that the one-line field turned into a blank: an untouched form
# said "1 field changed", and sending any change stored both URLs as one
# entry "a b".
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 1 3 "Shots"
id=$(tt_val "SELECT id FROM tickets")
a='https://files.example/support/T1-1.png'
b='https://files.example/support/T1-2.png'
tt_sql "UPDATE tickets SET request_type_id = (SELECT id FROM request_types WHERE key = 'ui_api_bug'),
               screenshots = ARRAY['$a', '$b'] WHERE id = $id" >/dev/null

tt_start
tt_wait_for 'Shots 0001'
tt_keys Enter
tt_wait_for "^#$id +Shots 0001"
tt_keys E
tt_wait_for '^Reason for change \*'
tt_assert "#$id · 0 fields changed"
tt_keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
tt_wait_for 'field 15/17'
tt_wait_for "^Screenshots \\* +support/T1-1.png, $b\$"   # scrolled to the cursor
tt_assert "#$id · 0 fields changed"
# nothing changed: Esc leaves at once
tt_keys Escape
tt_wait_for "^\\[Ticket\\] #$id "
tt_refute 'Keep the draft'

# a new severity with a reason: stored, the screenshots untouched
tt_keys E
tt_wait_for '^Reason for change \*'
tt_keys -l 'customer confirmed the outage'
tt_keys Tab Tab Tab Tab Tab
tt_wait_for 'field 6/17'
tt_keys C-u
tt_keys -l 'urg'
tt_wait_for '2 Urgent'
tt_keys Enter
tt_wait_for "#$id · 1 field changed"
tt_keys C-s
tt_wait_for "ticket #$id re-triaged"
[ "$(tt_val "SELECT severity FROM tickets")" = 2 ] || tt_fail "the severity was not stored"
shots=$(tt_val "SELECT array_to_string(screenshots, '|') || ' ' || cardinality(screenshots) FROM tickets")
[ "$shots" = "$a|$b 2" ] || tt_fail "screenshots stored as: $shots"
tt_keys Q
tt_wait_for 'tt-exit=0'
