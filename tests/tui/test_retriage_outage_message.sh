#!/bin/sh
# The re-triage form sent while the database is unavailable, at 80x24:
# the status line says, whole, that nothing was sent and the form is
# kept ("not sent: the form is kept for later"), beside the outage
# banner; the form stays open with what was typed, and once the server
# is back the same Ctrl-S stores it. Before, the answer ("not connected:
# the form is kept, send it again once the database is back") was cut
# at the width beside the banner.
. "$(dirname "$0")/lib.sh"

tt_needs_cluster

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 1 3 "Blank"
tt_start
tt_wait_for 'Blank 0001'
tt_keys :
tt_keys -l 1
tt_keys Enter
tt_wait_for '^#1 +Blank 0001'
tt_keys E
tt_wait_for '^Reason for change \*'
tt_keys -l 'customer confirmed the outage'
tt_keys Tab Tab Tab Tab Tab
tt_wait_for 'field 6/16'
tt_keys C-u
tt_keys -l 'urg'
tt_wait_for '2 Urgent'
tt_keys Enter
tt_wait_for '1 field changed'

tt_server_kill
tt_keys C-s
tt_wait_for 'not sent: the form is kept for later'
tt_assert 'database unavailable'
tt_assert '^Reason for change \* +customer confirmed the outage'
tt_assert '^Severity \* +2 Urgent'

tt_server_back
TT_TIMEOUT=20 tt_wait_gone 'database unavailable'
tt_keys C-s
tt_wait_for 'ticket #1 re-triaged'
[ "$(tt_val "SELECT severity FROM tickets WHERE id = 1")" = 2 ] || tt_fail "not stored"
tt_keys Q
tt_wait_for 'tt-exit=0'
exit 0
