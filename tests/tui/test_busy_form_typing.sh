#!/bin/sh
# Typing on in a form while a statement waits: the intake form's
# duplicate check (run when the title is left) waits on a table another
# session holds, and the description typed meanwhile, "Quite blank? q",
# goes into the description once the check is done. Before, the Q was
# taken for the global quit key (as on a list, where a lone Q quits at
# once, test_busy_typeahead) and ticketty ended in the middle of the
# form; a ? opened the help.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
printf 'database = { lock_timeout_ms = 120000; };\n' >"$TT_STATE_DIR/locked.conf"
TT_ENV="TICKETTY_CONFIG=$TT_STATE_DIR/locked.conf"
tt_start
tt_wait_for 'Queue'
tt_keys n
tt_wait_for 'Customer \*'
intake_type "acme" 'Acme Media +premium'
tt_keys Enter
tt_wait_for 'Carla Contact <carla'
tt_keys Enter
intake_type "ad serv" 'Ad serving issue'
tt_keys Enter
intake_type "bug" '^ +Bug'
tt_keys Enter
intake_type "3" '3 High'
tt_keys Enter
intake_type "Blank pages" 'Title \* +Blank pages'
tt_hold "LOCK TABLE ticketty.tickets IN ACCESS EXCLUSIVE MODE"
tt_keys Enter
tt_wait_until '[ "$(tt_lock_waiters)" = 1 ]' "the duplicate check is not waiting for the table"
tt_wait_for 'working'
tt_keys -l "Quite blank? q"
tt_wait_for 'keys typed wait for the database'
tt_refute 'tt-exit='
tt_refute '^Keys'
tt_release
tt_wait_for 'Quite blank\? q'
tt_refute 'tt-exit='
grep -rq 'Quite blank? q' "$TT_DRAFTS" || tt_fail "the draft lost the typed text"
tt_keys Escape
tt_wait_for 'Keep the draft'
tt_keys y
tt_wait_for '\[Queue\]'
tt_keys Q
tt_wait_for 'tt-exit=0'
exit 0
