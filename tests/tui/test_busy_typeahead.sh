#!/bin/sh
# Keys typed while a statement waits are handled in order once it is done,
# and a Q or ? among them is a letter of what was typed, not a command
# acted on before the keys typed first: `t` waits for a lock, ":" and
# "Q?x" are typed meanwhile, and once the lock is gone the command line
# holds "Q?x" with ticketty still running (before, the Q quit at once and
# the text was lost). Esc still cancels at once, and a lone Q still quits.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' running   # a Wednesday, 10:00 in New York
tt_tickets 2 3 "Locked"
conf=$(mktemp)
printf 'database = { lock_timeout_ms = 120000; };\n' > "$conf"
TT_ENV="TICKETTY_CONFIG=$conf"
id=$(tt_val "SELECT min(id) FROM tickets")
trap 'rm -f "$conf"; tt_cleanup' EXIT INT TERM
tt_hold "SELECT id FROM ticketty.tickets WHERE id = $id FOR UPDATE"

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
