#!/bin/sh
# The server's reason for an outage is kept whole in :messages (issue
# 17): the status line's banner cuts it at 80x24 ("database unavailable,
# retrying in 2s: connection to server on socket…"), and before, the
# message history never held it, so the reason could not be read at all.
# It is kept once, however many attempts fail the same way, and an open
# message history shows what is said while it is open (the reconnection)
# without a key: before, it showed what it held when it was opened.
. "$(dirname "$0")/lib.sh"

tt_needs_cluster

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 1 3 "Outage"
tt_start
tt_wait_for 'Outage 0001'

tt_server_kill
tt_wait_for 'database unavailable, retrying in [0-9]+s: '
# opened here, not in a $(...): a failure to open it ends the test
tt_messages_open
text=$(tt_screen_text)
case "$text" in
*"database unavailable: "*"/.s.PGSQL."*) ;;
*) tt_fail "the outage's reason is not in :messages: $text" ;;
esac
# the attempts go on (1 s, 2 s, 4 s apart): each reason is said once
sleep 4
n=$(tt_screen | tr -s ' \n' '  ' | grep -o 'failed: No such file or directory' | wc -l)
[ "$n" -eq 1 ] || tt_fail "the refused connection is kept $n times: $(tt_screen)"

tt_server_back
# said while the history is open, shown in it without a key
TT_TIMEOUT=20 tt_wait_for '^reconnected to the database'
tt_keys q
tt_wait_for 'Outage 0001'
tt_keys Q
tt_wait_for 'tt-exit=0'
exit 0
