#!/bin/sh
# Q, Ctrl-C, SIGTERM and SIGHUP all restore the terminal: the alternate
# screen is left, the cursor is visible again and the shell is usable.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 3 2 "Sig"

check_restored() {
	tt_wait_for "$1"
	[ "$(tt_pane '#{alternate_on}')" = 0 ] || tt_fail "still on the alternate screen"
	[ "$(tt_pane '#{cursor_flag}')" = 1 ] || tt_fail "cursor still hidden"
	tt_keys -l 'echo shell-ok-$((40 + 2))'
	tt_keys Enter
	tt_wait_for 'shell-ok-42'
	tt_keys -l 'clear'
	tt_keys Enter
	tt_wait_gone 'shell-ok-42'
}

run_and_wait() {
	tt_keys -l "exec_tt"
	tt_keys Enter
	tt_wait_for 'Sig 0001'
	[ "$(tt_pane '#{alternate_on}')" = 1 ] || tt_fail "not on the alternate screen"
}

tt_start
tt_wait_for 'Sig 0001'
tt_keys Q
check_restored 'tt-exit=0'

run_and_wait
tt_keys C-c
check_restored 'tt-exit=130'

run_and_wait
pid=$(tt_pid)
[ -n "$pid" ] || tt_fail "no ticketty process"
kill -TERM "$pid"
check_restored 'tt-exit=143'

run_and_wait
pid=$(tt_pid)
kill -HUP "$pid"
check_restored 'tt-exit=129'
