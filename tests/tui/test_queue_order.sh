#!/bin/sh
# The queue opens on open tickets in severity, deadline, age order, with the
# columns of the view, and hides resolved/closed ones.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' frozen   # a Wednesday, 10:00 in New York
tt_tickets 3 3 "High"
tt_tickets 2 1 "Crit"
tt_tickets 2 4 "Med"
tt_tickets 1 2 "Urg"
tt_sql "UPDATE tickets SET status = 'resolved', resolved_at = tt_now() WHERE title = 'High 0003'"
tt_sql "UPDATE tickets SET assignee_id = (SELECT id FROM agents WHERE login = 'olga'), escalation_level = 2
         WHERE title = 'Urg 0001'"
tt_start
tt_wait_for 'Crit 0001'
tt_assert 'ID +SEV +SLA +STATUS +CUSTOMER +ESC +TITLE'
tt_assert 'L2'
# the SLA cell as text: first response due in 1 h, past 80% of its hour
tt_assert '^ +4 1 Crit +! 1h +new +Acme Media +Crit 0001'
tt_assert '^new · SLA ! at risk 1 hour round the clock · Acme Media · unassigned · '
# at 80 columns the assignee shows on the detail line of the selected row
tt_refute 'Olga'
tt_keys j j
tt_wait_for '^#8 Urg 0001'
tt_assert ' · Olga Other · '
order=$(tt_screen | grep -E '^ +[0-9]' | grep -Eo '(Crit|Urg|High|Med) 000[0-9]' | tr '\n' ' ')
[ "$order" = "Crit 0001 Crit 0002 Urg 0001 High 0001 High 0002 Med 0001 Med 0002 " ] ||
	tt_fail "wrong order: $order"
tt_refute 'High 0003'
tt_keys Q
tt_wait_for 'tt-exit=0'
