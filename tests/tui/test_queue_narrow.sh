#!/bin/sh
# The queue at 80x24 (issue 17): the title keeps 30 cells while the team
# and assignee give way, the two waits read differently, severities 1 and
# 2 have a name, the SLA column does not spend its width on "business",
# and the selected row's whole title, status, SLA with its clock,
# customer and assignee show on detail lines under the table. The same in
# Spanish, and under LANG=C ticketty's own separators stay ASCII.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
# Wednesday 2026-11-18 10:00 in New York, the clock standing still
tt_clock '2026-11-18 15:00+00' frozen
tt_tickets 1 1 "Ad server returns blank creatives for every placement on the homepage"
tt_tickets 1 2 "Reporting dashboard totals differ"
tt_tickets 2 3 "Slow"
tt_sql "UPDATE tickets SET status = 'waiting_customer' WHERE title = 'Slow 0001';
        UPDATE tickets SET status = 'waiting_engineering', bug_ref = 'ENG-1' WHERE title = 'Slow 0002';
        UPDATE tickets SET assignee_id = (SELECT id FROM agents WHERE login = 'postgres')
         WHERE severity = 1"

fits80() {
	width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
	[ "$width" -le 80 ] || tt_fail "a line is $width cells wide"
}

tt_start
tt_wait_for 'Slow 0002'
tt_assert '^ +ID SEV +SLA +STATUS +CUSTOMER +ESC +TITLE'
# the title gets 30 cells; severities 1 and 2 are named
tt_assert '^ +1 1 Crit +! 1h +new +Acme Media +Ad server returns blank creat'
tt_assert '^ +2 2 Urg +! 1h +new +Acme Media +Reporting dashboard totals di'
# the two waits are told apart
tt_assert '^ +3 3 High +! 1h +wait cust +Acme Media +Slow 0001'
tt_assert '^ +4 3 High +! 2h +wait eng +Acme Media +Slow 0002'
tt_refute 'waiting on…|busin'
# the selected row in full under the table
tt_wait_for '^#1 Ad server returns blank creatives for every placement on the homepage 0001'
tt_assert '^new · SLA ! at risk 1 hour round the clock · Acme Media · Pat Postgres · '
fits80
# the next row: its business clock is named on the detail line, in words
tt_keys j
tt_wait_for '^#2 Reporting dashboard totals differ 0001'
tt_assert '^new · SLA ! at risk 1 business hour · Acme Media · unassigned · '
tt_keys j j
tt_wait_for '^waiting on engineering · SLA '
tt_keys Q
tt_wait_for 'tt-exit=0'

# Spanish
tt_keys "clear; (LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; export LANG LC_ALL; exec_tt)" Enter
tt_wait_for 'Slow 0002'
tt_assert '^ +ID GRAV +ANS +ESTADO +CLIENTE +ESC +TÍTULO'
tt_assert '^ +1 1 Crít +! 1h +nuevo +Acme Media +Ad server returns blank creat'
tt_assert '^ +2 2 Urg +! 1h +nuevo +Acme Media +Reporting'
tt_assert '^ +3 3 Alta +! 1h +esp\. cli\. +Acme Media +Slow 0001'
tt_assert '^ +4 3 Alta +! 2h +esp\. ing\. +Acme Media +Slow 0002'
tt_refute 'esperando …|hábi'
tt_wait_for '^#1 Ad server returns blank creatives for every placement on the homepage 0001'
tt_assert '^nuevo · ANS ! en riesgo 1 hora natural · Acme Media · Pat Postgres · '
fits80
tt_keys j
tt_wait_for '^nuevo · ANS ! en riesgo 1 hora hábil · Acme Media · sin asignar · '
tt_keys Q
tt_wait_for 'tt-exit=0'

# LANG=C: ticketty's own separators in ASCII (no <U+00B7>)
tt_keys "clear; (LANG=C LC_ALL=C; export LANG LC_ALL; exec_tt)" Enter
tt_wait_for 'Slow 0002'
tt_assert '^new \| SLA ! at risk 1 hour round the clock \| Acme Media \| Pat Postgres \| '
tt_refute '<U\+00B7>'
tt_keys Q
tt_wait_for 'tt-exit=0'
