#!/bin/sh
# TERM=vt100 names no End, Delete, Insert or PgDn, but the terminal
# (xterm, PuTTY, tmux) sends their escape sequences anyway: before, the
# sequence's tail ran as keys (ESC [ 4 ~: Esc, then "4" opened the
# dashboard; Delete opened the inbox, Insert the escalations, PgDn closed
# the help, and Delete typed "[3~" into a form field). Now the common
# sequences are the keys they are, and an unknown one is dropped whole.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

TT_TERM=vt100
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 3 3 "K"
tt_start
tt_wait_for 'K 0003'
tt_wait_for '^#1 K 0001'
# End (xterm/vt220, rxvt, SS3): the last row; Home: the first again
for seq in '\033[4~' '\033[8~' '\033OF'; do
	tt_keys -l "$(printf "$seq")"
	tt_wait_for '^#3 K 0003'
	tt_keys -l "$(printf '\033[1~')"
	tt_wait_for '^#1 K 0001'
done
# Delete, Insert and an unknown sequence (F13, a modified arrow) leave
# the queue where it is; ":" afterwards shows every byte was read
tt_keys -l "$(printf '\033[3~\033[2~\033[25~\033[1;5C\033O5P')"
tt_keys :
tt_wait_for '^:'
tt_assert '^ ticketty │ Queue'
tt_refute 'Dashboard|Inbox|Escalations|does nothing|~'
tt_keys Escape
tt_wait_gone '^:'
# PgDn in the help pages it, and does not close it
tt_keys '?'
tt_wait_for 'Keys'
tt_keys -l "$(printf '\033[6~')"
tt_keys -l "$(printf '\033[5~')"
tt_keys :
tt_wait_for '^:'
tt_assert '│ Help|Keys'
tt_refute 'does nothing|~'
tt_keys Escape
tt_wait_gone '^:'
# Esc alone still leaves the help
tt_keys Escape
tt_wait_for '^ ticketty │ Queue'
# Delete in a form field deletes the character under the cursor
tt_keys n
tt_wait_for 'Customer \*'
intake_type "Acme" 'Customer \* +Acme'
tt_keys Left
tt_keys -l "$(printf '\033[3~')"
tt_wait_for 'Customer \* +Acm( |$)'
tt_refute '\[3~'
# an empty form leaves at once (once the picker has answered the
# emptied field: an Esc while its query runs cancels the query instead)
tt_keys C-u
tt_wait_for 'Zeta Ads'
tt_keys Escape
tt_wait_for '^ ticketty │ Queue'
tt_keys Q
tt_wait_for 'tt-exit=0'
