#!/bin/sh
# test_intake_member_id.sh in Spanish: the customer chosen fills in its
# member ID and the status line says so, "ID de miembro de <cliente>";
# another customer's replaces it.
TT_LANG=es_ES.UTF-8
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_start
tt_wait_for 'ticketty │ Cola'
tt_keys n
tt_wait_for '^Cliente \*'
tt_wait_for 'Zeta Ads'
tt_assert '^ID de miembro \* *$'
intake_type "acme" '^ +Acme Media +prémium'
tt_keys Enter
tt_wait_for '^ID de miembro \* +1001 *$'
tt_assert 'ID de miembro de Acme Media'
tt_keys BTab
tt_wait_for 'campo 1/15'
tt_keys C-u
intake_type "zeta" '^ +Zeta Ads +b'
tt_keys Enter
tt_wait_for '^ID de miembro \* +1002 *$'
tt_assert 'ID de miembro de Zeta Ads'
close_list 'Carla Contact <carla'
tt_keys Escape
tt_wait_for 'Guardar el borrador para más tarde'
tt_keys n
tt_wait_for 'ticketty │ Cola'
tt_keys Q
tt_wait_for 'tt-exit=0'
