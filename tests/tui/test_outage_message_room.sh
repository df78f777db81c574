#!/bin/sh
# While the database is unavailable, what became of the key just pressed
# is readable beside the banner at 80x24: n (a new ticket) says "the
# intake form needs the database", the banner keeps "database
# unavailable, retrying in Ns" and leaves the server's words (which it
# shows again once the message is gone) and the view's name to it. Before,
# the banner took all but 12 cells ("the intake …  database unavailable,
# retrying in 4s: cannot connect to th…") and the answer could not be read.
. "$(dirname "$0")/lib.sh"

tt_needs_cluster

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 2 3 "Outage"
tt_start
tt_wait_for 'Outage 0002'

tt_server_kill
tt_wait_for 'database unavailable, retrying in [0-9]+s: '
tt_keys n
tt_wait_for 'the intake form needs the database.* database unavailable, retrying in [0-9]+s'
tt_refute 'New ticket'
# the next key takes the message away: the banner says why again
tt_keys j
tt_wait_for 'database unavailable, retrying in [0-9]+s: '

tt_server_back
TT_TIMEOUT=20 tt_wait_gone 'database unavailable'
tt_keys n
tt_wait_for 'Customer \*'
tt_keys Escape
tt_wait_for '\[Queue\]'
tt_keys Q
tt_wait_for 'tt-exit=0'
exit 0
