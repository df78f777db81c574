#!/bin/sh
# A search asked while the database is unavailable reads nothing, and the
# search view says so: it showed the hits of the query before under the
# new query's words, or "0 tickets for ..." beside "(not connected to the
# database)". Now the list is empty, says it is not connected, and the
# status line gives no count. The server is always started again, even
# when this test fails midway (other tests share the cluster).
. "$(dirname "$0")/lib.sh"

tt_needs_cluster

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 3 3 "Counted"
tt_start
tt_wait_for 'Counted 0003'
tt_keys F
tt_wait_for 'Search:'
tt_keys -l 'counted'
tt_keys Enter
tt_wait_for '3 tickets for "counted"'

tt_server_kill
tt_wait_for 'database unavailable, retrying in'
tt_keys /
tt_wait_for 'Search:'
tt_keys C-u
tt_keys -l 'other words'
tt_keys Enter
tt_wait_for '^\(not connected to the database\)'
tt_refute 'Counted 000'
tt_wait_for '^\[Search\] "other word'
tt_refute 'tickets? for "other'

tt_server_back
tt_keys Q
tt_wait_for 'tt-exit=0'
