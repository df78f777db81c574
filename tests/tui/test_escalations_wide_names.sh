#!/bin/sh
# Escalations at 200x60: the list gives the customer and the holder their
# whole names when the line has room (they were cut at 18 and 14 cells
# while the reason column had a hundred to spare); at 80x24 the reason
# keeps its share and the names are cut as before.
TT_COLS=200 TT_ROWS=60
. "$(dirname "$0")/lib.sh"

customer='Acme Media Worldwide Holdings'   # 29 cells
holder='Maximiliana Ortega Ruiz'           # 23 cells
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' frozen
tt_role wide_tui_csm csm
tt_agent wide_tui_csm csm "$holder"
tt_csm_of wide_tui_csm 'Acme Media'
tt_tickets 1 2 "Blank creatives"
tt_sql "UPDATE customers SET name = '$customer' WHERE name = 'Acme Media'" >/dev/null
tt_sql "SELECT api_escalate(id, 'Every campaign is blank since Monday') FROM tickets" >/dev/null

tt_start
tt_wait_for 'Blank creatives 0001'
tt_keys 2
tt_wait_for 'Every campaign is blank'
# one list row holds both whole names, then the reason
tt_assert "$customer +$holder .*Every campaign is blank since Monday"
tt_resize 80 24
# the row drawn again at 80 columns: both names cut, the reason after them
# (right after the resize the screen may be blank, or the old row cropped,
# neither of which shows a cut name)
tt_wait_for 'Acme Media [^ ]*… +Maxim[^ ]*… .*Every campaign'
tt_refute "$customer +$holder"
tt_keys Q
tt_wait_for 'tt-exit=0'
