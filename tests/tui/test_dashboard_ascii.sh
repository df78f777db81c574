#!/bin/sh
# The dashboard under LANG=C at 80x24: sparklines and bars in plain ASCII
# (no block or box characters reach the terminal), the same figures.
TT_LANG=C
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dashboard_lib.sh"

tt_db_create
dash_fixture
tt_start
tt_wait_for 'Late answer|Old report'
tt_keys 4
tt_wait_for 'ticketty \| Dashboard'
tt_wait_for 'first response +[_.:=+*#-]+ +50\.0%  66\.7% 1      0$'
tt_assert '1 Critical +1 +0 +1 +0 +0 +0 #+$'
tt_assert 'CSM 1 \(3h 00m\) \| COO 0 \| CEO 0'
tt_assert 'Client Services +5 #+\| Acme Media +3 #+'
tt_assert '^#2 +3 High'
if tt_screen | LC_ALL=C grep -q "$(printf '[\200-\377]')"; then
	tt_fail "non-ASCII bytes on a LANG=C screen"
fi
dash_assert_width
tt_keys Q
tt_wait_for 'tt-exit=0'
