#!/bin/sh
# The `:` command line at 80x24: `:99999` (no such ticket) says so and
# leaves the queue on screen (before, an empty ticket view stayed,
# "(not loaded: R tries again)", which R could never mend); blanks after
# the words are ignored (`:#N ` opened nothing: "'N ' is not a ticket
# number"; `:messages ` was an unknown command).
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 1 3 "Colon"
id=$(tt_val "SELECT id FROM tickets")

tt_start
tt_wait_for 'Colon 0001'
tt_keys :
tt_keys -l 99999
tt_keys Enter
tt_wait_for 'ticket 99999 not found'
tt_wait_for '^\[Queue\]'
tt_assert 'Colon 0001'
tt_refute 'not loaded'

# a number with blanks after it
tt_keys :
tt_keys -l "#$id  "
tt_keys Enter
tt_wait_for "^#$id +Colon 0001"
tt_refute 'is not a ticket number'
# a view's name with a blank after it
tt_keys :
tt_keys -l 'messages '
tt_keys Enter
tt_wait_for 'Messages, newest first'
tt_refute 'unknown command'
tt_keys Q
tt_wait_for 'tt-exit=0'
