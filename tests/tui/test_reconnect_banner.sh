#!/bin/sh
# The database server dies while the queue is open: the status line shows
# the "database unavailable" banner (retrying with backoff); when the server
# is back the banner goes by itself, LISTEN is restored and the view is
# reloaded, so a ticket inserted and announced afterwards appears without a
# key press. The server is always started again, even when this test fails
# midway (other tests share the cluster).
. "$(dirname "$0")/lib.sh"

tt_needs_cluster

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 3 3 "Before"
tt_start
tt_wait_for 'Before 0003'
tt_refute 'database unavailable'

# the cluster runs with synchronous_commit off: flush the fixture to disk
# before the immediate stop, or crash recovery would lose it
tt_server_kill
tt_wait_for 'database unavailable, retrying in'
# the rows already shown stay readable during the outage
tt_assert 'Before 0001'

tt_server_back
TT_TIMEOUT=20 tt_wait_gone 'database unavailable'
tt_wait_for 'reconnected to the database'

# LISTEN restored: a new ticket shows without a key press
tt_tickets 1 1 "After outage"
tt_sql "SELECT pg_notify('ticketty', json_build_object('ticket', max(id), 'kind', 'created')::text) FROM tickets" >/dev/null
tt_wait_for 'After outage 00'
tt_keys Q
tt_wait_for 'tt-exit=0'
