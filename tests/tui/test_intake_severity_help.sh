#!/bin/sh
# At 80x24 the severity picker's help shows the highlighted severity's
# definition and all three criteria (Function, Data, Back End) in full:
# the help area grows to the rows the text needs while the picker stays
# in view. The longest definition (4 Medium) and the longest criteria
# (1 Critical) are checked.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_start
tt_wait_for 'ticketty'
tt_keys n
tt_wait_for 'Customer \*'
intake_type "acme" 'Acme Media +premium'
tt_keys Enter
tt_wait_for 'Carla Contact <carla'
tt_keys Enter
intake_type "ad serv" 'Ad serving issue +→ Client Services'
tt_keys Enter
intake_type "bug" '^ +Bug'
tt_keys Enter
# the severity picker, 1 Critical highlighted
tt_wait_for '^Severity \*'
tt_wait_for '4 Medium'
tt_wait_for '^Function: '
intake_severity_help 1 'Function:' 'Data:' 'Back End:'
tt_assert '^Severity \*'
tt_keys Down Down Down
tt_wait_for '^A routine technical question'
intake_severity_help 4 'Function:' 'Data:' 'Back End:'
tt_assert '^Severity \*'
# the picker keeps its rows: the highlighted choice is on screen
tt_assert '4 Medium'
tt_keys Escape
tt_keys Escape
tt_wait_for 'Keep the draft'
tt_keys n   # one key answers
tt_wait_for 'draft discarded'
tt_keys Q
tt_wait_for 'tt-exit=0'
