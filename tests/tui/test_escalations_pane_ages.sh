#!/bin/sh
# The escalations pane counts each step's age for its holder (migration
# 742): a CSM level passed up after an hour reads "[1h 00m]" twelve days
# later, not the escalation's own age "[12d 17h]", and a COO level handed
# over since it was reached says how long its new holder has had it
# beside the row's age of the level. Clock pinned and moved by the test.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' frozen   # a Wednesday, 10:00 in New York
for a in "age_csm csm" "age_coo coo" "age_coo2 coo"; do
	set -- $a
	tt_role "$1" "$2"
	tt_agent "$1" "$2"
done
tt_sql "UPDATE agents SET display_name = 'Second Coo' WHERE login = 'age_coo2'" >/dev/null
tt_csm_of age_csm 'Acme Media'
tt_tickets 1 2 "Aged chain"
id=$(tt_val "SELECT min(id) FROM tickets")
tt_sql "SELECT api_escalate($id, 'Placements stay blank since Monday')" >/dev/null
tt_clock '2026-11-18 16:00+00' frozen
tt_sql "SET SESSION AUTHORIZATION age_csm; SELECT api_escalation_up($id, 'No date from engineering')" \
	>/dev/null || tt_fail "cannot pass the escalation up to the COO"
tt_clock '2026-11-20 16:00+00' frozen
tt_sql "SET SESSION AUTHORIZATION age_coo; SELECT api_escalation_hand($id, 'age_coo2', 'Away this week')" \
	>/dev/null || tt_fail "cannot hand the escalation over"
tt_clock '2026-12-01 08:00+00' frozen

tt_start
tt_wait_for 'Aged chain 0001'
tt_keys 2
tt_wait_for 'COO \(1\)'
tt_wait_for "^ +$id .* open +12d 16h "
# the CSM held it an hour; the second COO has had it 10d 16h of the
# level's 12d 16h
tt_assert '^CSM +Age Csm \[1h 00m\] by [^:]+:'
tt_assert '^COO +Second Coo \[10d 16h\]:'
tt_assert '^ +No date from engineering'
tt_keys Q
tt_wait_for 'tt-exit=0'
