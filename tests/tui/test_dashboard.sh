#!/bin/sh
# The dashboard (`4`) at 80x24 in English: every section with the figures
# of the pinned data set (tests/tui/dashboard_lib.sh), the filters (a
# customer narrows everything, an unknown team is refused by name and the
# last good filter stays), the oldest ticket one Enter away, and a change
# in the database shown without a key press.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dashboard_lib.sh"

tt_db_create
dash_fixture
tt_start
tt_wait_for 'Late answer|Old report'
tt_keys 4
tt_wait_for 'ticketty │ Dashboard'
# the figures come in one round trip while the screen answers
tt_wait_for 'SLA, 12 weeks +week by week +this wk +12 wk +missed past due$'
# past due now, not yet decided (sql/640): #2's resolution was due Wed
# 03-10 10:00, #3's Thu 03-11 08:00; nothing waits for a first response;
# #3's update was due Wed 10:30 (sql/720)
tt_assert 'first response +.*  50\.0%  66\.7% 1      0$'
tt_assert 'update cadence +- +- 0      1$'
tt_assert 'resolution +.*   0\.0%   0\.0% 1      2$'
tt_assert '1 Critical +1 +0 +1 +0 +0 +0 █'
tt_assert '2 Urgent +0 +0 +0 +0 +0 +0'
# #2, created Friday a week ago: 5 business days old (3-6), not 7
tt_assert '3 High +1 +0 +0 +1 +0 +0 █'
tt_assert 'Escalations open \(oldest\): CSM 1 \(3h 00m\) · COO 0 · CEO 0'
# breaches: missed and past due (Client Services 2 + 3, Acme Media 2 + 1)
tt_assert 'Client Services +5 █+ *│ Acme Media +3 █+'
tt_assert '^#2 +3 High +7d 2h '
tt_assert '^#3 +1 Critical +2d 4h '
tt_assert '\[Dashboard\] all tickets'
dash_assert_width

# a customer filter narrows every figure
tt_keys c
tt_wait_for 'Customer \(name, empty = all\)'
tt_keys -l 'Zeta Ads'
tt_keys Enter
tt_wait_for '\[Dashboard\] customer Zeta Ads'
tt_wait_for 'first response +.* 100\.0% 100\.0% 0      0$'
tt_assert 'resolution +- +- 0      1$'
tt_assert '3 High +0 '
tt_assert 'Client Services +2 .*│ Zeta Ads +2 '
tt_refute '^#2 '
# an unknown team is refused by name; the customer filter stays
tt_keys t
tt_wait_for 'Team \(key or name'
tt_keys -l 'nope'
tt_keys Enter
tt_wait_for 'cannot make the report; team: is unknown'
tt_keys x
tt_wait_for '\[Dashboard\] all tickets'
tt_wait_for '^#2 +3 High'

# live: ticket #3 resolved elsewhere (a day after its 24 hours, and with
# the 2-hourly update long overdue) leaves the backlog without a key press
tt_sql "SET TIME ZONE 'America/New_York';
        UPDATE tickets SET status = 'resolved', resolved_at = '2027-03-12 11:00', updated_at = '2027-03-12 11:00' WHERE id = 3;
        SELECT pg_notify('ticketty', '{\"ticket\":3,\"kind\":\"updated\"}')" >/dev/null
tt_wait_for '1 Critical +0 +0 +0 '
tt_wait_for 'resolution +.*   0\.0%   0\.0% 2      1$'
tt_assert 'update cadence +.*   0\.0%   0\.0% 1      0$'
tt_assert 'Zeta Ads +2 '

# the oldest open ticket is one Enter away
tt_keys Enter
tt_wait_for '#2 +Old report'
tt_keys q
tt_wait_for 'ticketty │ Dashboard'
tt_keys Q
tt_wait_for 'tt-exit=0'
