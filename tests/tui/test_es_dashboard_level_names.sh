#!/bin/sh
# The escalation levels read by one set of names in the dashboard (`4`)
# and in view 2 at 80x24, in English and Spanish: with escalations
# waiting, and aged, at the CSM and the COO, the Spanish names did not fit
# the dashboard's one escalation row and it fell back to the codes
# "N1 1 (3h 00m) · N2 1 (2h 00m) · N3 0" while view 2 said "Resp. Éxito",
# "Operaciones", "Dir. General"; now the levels that do not fit go on in
# a second row, by their names.
TT_LANG=es_ES.UTF-8
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dashboard_lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
dash_fixture
# #3 passed up to the COO at 10:00 (2h ago), on top of #2 at the CSM
tt_sql "
INSERT INTO escalations (ticket_id, level, raised_by, reason, raised_at, state)
SELECT 3, 1, a.id, 'Site down', '2027-03-12 09:30 America/New_York', 'passed_up' FROM agents a WHERE a.login = 'postgres';
INSERT INTO escalations (ticket_id, level, raised_by, reason, raised_at)
SELECT 3, 2, a.id, 'Still down', '2027-03-12 10:00 America/New_York' FROM agents a WHERE a.login = 'postgres';" >/dev/null

tt_start
tt_wait_for 'Late answer|Old report'
tt_keys 4
tt_wait_for 'ticketty │ Panel'
tt_wait_for '^Escalados \(más antiguo\): Resp\. Éxito 1 \(3h 00m\) · Operaciones 1 \(2h 00m\) *$'
tt_wait_for '^ {25}Dir\. General 0 *$'
tt_refute 'N1|N2|N3'
tt_assert 'Tickets abiertos más antiguos'
dash_assert_width
tt_keys 2
tt_wait_for 'ticketty │ Escalados'
tt_wait_for 'Resp\. Éxito \(1\)'
tt_assert 'Operaciones \(1\)'
tt_keys Q
tt_wait_for 'tt-exit=0'

# English: the names fit one row, as view 2 names them
tt_keys "export LANG=C.UTF-8 LC_ALL=C.UTF-8; clear; exec_tt" Enter
tt_wait_for 'Late answer|Old report'
tt_keys 4
tt_wait_for 'ticketty │ Dashboard'
tt_wait_for '^Escalations open \(oldest\): CSM 1 \(3h 00m\) · COO 1 \(2h 00m\) · CEO 0 *$'
dash_assert_width
tt_keys 2
tt_wait_for 'ticketty │ Escalations'
tt_wait_for 'CSM \(1\)'
tt_assert 'COO \(1\)'
tt_keys Q
tt_wait_for 'tt-exit=0'
