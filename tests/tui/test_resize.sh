#!/bin/sh
# Terminal resize keeps the queue working; below 60x15 a clear message is
# shown, the view comes back when the terminal grows again, and Q quits
# from the small screen.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 40 2 "Wide"
tt_start
tt_wait_for 'Wide 0019'
tt_resize 120 40
tt_wait_for 'Wide 0035'
tt_assert 'ASSIGNEE'
tt_resize 50 10
tt_wait_for 'terminal too small \(need 60×15\)'
tt_refute 'Wide 0001'
tt_resize 70 16
tt_wait_for 'Wide 0011'
tt_refute 'too small'
tt_refute 'Wide 0012'
tt_keys j j j
tt_wait_for '#4( |$)'
tt_resize 59 20
tt_wait_for 'terminal too small'
tt_keys Q
tt_wait_for 'tt-exit=0'
