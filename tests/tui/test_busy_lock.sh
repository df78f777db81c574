#!/bin/sh
# A ticket row held by another session does not freeze the screen: while
# `t` waits for the lock, a "working" mark appears, ? opens the help, Esc
# cancels the statement (the server stops waiting), and Q quits at once.
. "$(dirname "$0")/lib.sh"

# another session holds the first ticket's row for two minutes
tt_locked_ticket
id=$TT_LOCKED_ID

tt_start
tt_wait_for 'Locked 0002'
tt_assert "#$id( |\$)"
tt_keys t
tt_wait_for 'working'
[ "$(tt_lock_waiters)" = 1 ] || tt_fail "the take is not waiting for the lock"
# help opens while the statement waits
tt_keys '?'
tt_wait_for 'Keys'
# Esc cancels: the server stops waiting and the screen says so
tt_keys Escape
tt_wait_for 'cancelled'
[ "$(tt_lock_waiters)" = 0 ] || tt_fail "the server still waits after Esc"
# again, and Q quits while it waits
tt_keys q
tt_wait_gone 'Keys'
tt_keys t
tt_wait_for 'working'
tt_keys Q
tt_wait_for 'tt-exit=0'
[ "$(tt_lock_waiters)" = 0 ] || tt_fail "the server still waits after Q"
