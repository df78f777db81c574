#!/bin/sh
# Reading a ticket never freezes the screen either: the ticket view's
# loads are prepared statements, run without blocking like every other.
# While another session holds the timeline's table, opening a ticket shows
# the "working" mark, ? opens the help, Esc cancels the read (the server
# stops waiting, the view offers R to try again) and Q quits at once.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' running   # a Wednesday, 10:00 in New York
tt_tickets 2 3 "Blocked"
conf=$(mktemp)
printf 'database = { statement_timeout_ms = 120000; lock_timeout_ms = 120000; };\n' > "$conf"
TT_ENV="TICKETTY_CONFIG=$conf"
trap 'rm -f "$conf"; tt_cleanup' EXIT INT TERM
# wait_for_reader WHAT: until one session waits for the lock
wait_for_reader() {
	tt_wait_until '[ "$(tt_lock_waiters)" = 1 ]' "$1 is not waiting for the table"
}

tt_start
tt_wait_for 'Blocked 0002'
# now another session takes the timeline's table for two minutes
tt_hold "LOCK TABLE ticketty.ticket_events IN ACCESS EXCLUSIVE MODE"
tt_keys Enter
# the read reaches the server and waits there; the screen says so
wait_for_reader "the ticket's read"
tt_wait_for 'working'
tt_keys '?'
tt_wait_for 'Keys'
tt_keys Escape
tt_wait_for 'cancelled'
[ "$(tt_lock_waiters)" = 0 ] || tt_fail "the server still waits after Esc"
tt_keys q
tt_wait_gone 'Keys'
# the ticket was not read, and the view says how to try again
tt_wait_for 'not loaded: R tries again'
tt_keys R
wait_for_reader "the second read"
tt_wait_for 'working'
tt_keys Q
tt_wait_for 'tt-exit=0'
[ "$(tt_lock_waiters)" = 0 ] || tt_fail "the server still waits after Q"
