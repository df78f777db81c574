#!/bin/sh
# Esc typed while a refresh no key asked for runs (a notification's reload
# of the queue) is the key typed: at the command line it closes the line,
# as it does on an idle screen, once the refresh is done (or at once,
# cancelling it, when the refresh has run on for a while under the
# prompt). Before, it cancelled the refresh and was gone, so the line
# stayed open: test_busy_typeahead failed so under load, its Esc landing
# in the reload the take's own notification starts; over a slow link
# every refresh is such a window. Here the refresh waits for a table
# another session locks, so the Esc lands in it whatever the load.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 2 3 "Refresh"
tt_start
tt_wait_for 'Refresh 0002'
tt_keys :
tt_keys -l abc
tt_wait_for '^:abc'
# another session holds the tickets table: the refresh a notification
# starts waits for it, under the open command line
tt_hold "LOCK TABLE ticketty.tickets IN ACCESS EXCLUSIVE MODE"
tt_sql "SELECT pg_notify('ticketty', json_build_object('ticket', 1, 'kind', 'comment')::text)" >/dev/null
tt_wait_until '[ "$(tt_lock_waiters)" = 1 ]' "the notification's refresh never waited for the lock"
tt_keys Escape
tt_release
# the Esc closed the command line (before, it stayed open for good)
tt_wait_gone '^:abc'
tt_refute 'tt-exit'
[ "$(tt_lock_waiters)" = 0 ] || tt_fail "a refresh still waits"
# and the screen answers keys as ever
tt_keys R
tt_wait_for 'Refresh 0002'
tt_keys Q
tt_wait_for 'tt-exit=0'
