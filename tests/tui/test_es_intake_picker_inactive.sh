#!/bin/sh
# test_intake_picker_inactive.sh in Spanish: a customer who is no longer
# active is marked "(ya no es un cliente activo)" in the picker.
TT_LANG=es_ES.UTF-8
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_sql "INSERT INTO customers (name, member_id, plan, active) VALUES ('Gone Media', 1005, 'premium', false)"
tt_start
tt_wait_for 'ticketty │ Cola'
tt_keys n
tt_wait_for '^Cliente \*'
intake_type "gone" 'Gone Media +\(ya no es un cliente activo\)'
close_list 'Gone Media'
tt_keys Escape
tt_wait_for 'Guardar el borrador para más tarde'
tt_keys n
tt_wait_for 'ticketty │ Cola'
tt_keys Q
tt_wait_for 'tt-exit=0'
