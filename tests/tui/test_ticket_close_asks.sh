#!/bin/sh
# X in the ticket view asks before it closes: closing is final (the
# customer's next mail becomes a new ticket, the ticket takes no reply),
# so one key pressed by mistake must not do it. n (and Enter, the
# default) leaves the ticket as it was; y closes it. Before, X closed it
# at once, unasked.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 1 3 "Closing"
id=$(tt_val "SELECT id FROM tickets")
tt_sql "UPDATE tickets SET status = 'resolved', acknowledged_at = tt_now(), resolved_at = tt_now(),
        version = version + 1" >/dev/null

tt_start
tt_wait_for 'Queue'
tt_keys -l ':'
tt_keys -l "$id"
tt_keys Enter
tt_wait_for "^#$id +Closing 0001"
tt_keys X
tt_wait_for "Close #$id for good\? A later mail opens a new ticket \[y/N\]"
tt_keys n
tt_wait_gone 'for good\?'
[ "$(tt_val "SELECT status FROM tickets WHERE id = $id")" = resolved ] || tt_fail "n closed the ticket"
tt_keys X
tt_wait_for "Close #$id for good\?"
tt_keys Enter
tt_wait_gone 'for good\?'
[ "$(tt_val "SELECT status FROM tickets WHERE id = $id")" = resolved ] || tt_fail "Enter closed the ticket"
tt_keys X
tt_wait_for "Close #$id for good\?"
tt_keys y
tt_wait_for 'status is now closed'
[ "$(tt_val "SELECT status FROM tickets WHERE id = $id")" = closed ] || tt_fail "y did not close the ticket"
tt_keys Q
tt_wait_for 'tt-exit=0'
