#!/bin/sh
# Keys typed while a statement waits are handled in order once it is done,
# and a Q or ? among them is a letter of what was typed, not a command
# acted on before the keys typed first: `t` waits for a lock, ":" and
# "Q?x" are typed meanwhile, and once the lock is gone the command line
# holds "Q?x" with ticketty still running (before, the Q quit at once and
# the text was lost). A lone Q still quits at once (Esc cancelling at once
# is test_busy_lock's).
. "$(dirname "$0")/lib.sh"

tt_locked_ticket
id=$TT_LOCKED_ID

tt_start
tt_wait_for 'Locked 0002'
tt_keys t
tt_wait_for 'working'
[ "$(tt_lock_waiters)" = 1 ] || tt_fail "the take is not waiting for the lock"
# typed ahead while it waits: a command line and text with Q and ? in it
tt_keys :
tt_keys -l 'Q?x'
tt_wait_for 'keys typed wait for the database'
tt_refute 'tt-exit'
tt_refute 'Keys'          # the ? did not open the help
# the lock goes: the take is done, then the keys typed, in order
tt_release
tt_wait_for '^:Q\?x'
tt_refute 'tt-exit'
tt_keys Escape
tt_wait_gone '^:Q'
# a lone Q while a statement waits still quits at once
tt_hold "SELECT id FROM ticketty.tickets WHERE id = $id FOR UPDATE"
tt_keys R
tt_keys t
tt_wait_for 'working'
tt_keys Q
tt_wait_for 'tt-exit=0'
