#!/bin/sh
# s on a closed ticket says why no status is offered: the ticket is
# closed, which is final. Before, the status line read "no status change
# is open to you on this ticket", as if the engineer lacked a right.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 1 3 "Finished"
id=$(tt_val "SELECT id FROM tickets")
tt_sql "UPDATE tickets SET status = 'closed', acknowledged_at = tt_now(), resolved_at = tt_now(),
        closed_at = tt_now(), version = version + 1" >/dev/null

tt_start
tt_wait_for 'Queue'
tt_keys -l ':'
tt_keys -l "$id"
tt_keys Enter
tt_wait_for "^#$id +Finished 0001"
tt_keys s
tt_wait_for "ticket $id is closed, which is final: its status no longer changes"
tt_refute 'no status change is open to you'
tt_keys Q
tt_wait_for 'tt-exit=0'
