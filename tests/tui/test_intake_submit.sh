#!/bin/sh
# The intake form: an empty submit marks every mandatory field at once with
# its reason and puts the cursor on the first; a form filled from the
# keyboard creates the ticket, which then appears in the queue; the draft
# is removed once the ticket exists.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_start
tt_wait_for 'ticketty'
tt_keys n
tt_wait_for 'New ticket'
tt_wait_for 'Customer \*'
tt_keys C-s
tt_wait_for '13 fields need attention'
tt_assert 'Customer \*'
[ "$(tt_screen | grep -c '! is required')" -ge 5 ] || tt_fail "refusals not shown in place"
# the cursor went to the first refused field: one Tab reaches the second
tt_keys Tab
tt_wait_for 'field 2/15'
# the refusals of fields further down are there too
tt_keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
tt_wait_for 'field 13/15'
tt_assert 'Steps to reproduce \*'
tt_assert '! is required'
tt_keys BTab BTab BTab BTab BTab BTab BTab BTab BTab BTab BTab BTab
tt_wait_for 'field 1/15'

intake_fill "Placements render blank"
[ -n "$(ls "$TT_DRAFTS" 2>/dev/null)" ] || tt_fail "no draft was saved while typing"
tt_keys C-s
tt_wait_for 'ticket #[0-9]+ created'
tt_wait_for 'Placements rend'
row=$(intake_val "SELECT t.title || '|' || tm.key || '|' || t.object_ids::text || '|' || t.repro_steps
                FROM tickets t JOIN teams tm ON tm.id = t.team_id")
[ "$row" = "Placements render blank|client_services|{77,78}|1. open the page
2. see nothing" ] || tt_fail "stored ticket is wrong: $row"
[ -z "$(ls "$TT_DRAFTS" 2>/dev/null)" ] || tt_fail "the draft of a submitted ticket was kept"
tt_keys Q
tt_wait_for 'tt-exit=0'
