#!/bin/sh
# The escalations view's help says who may act as the database decides
# (escalation_may_act: the holder, or a role at or above the level): at
# the COO and CEO levels any agent of that role, not only the holder (it
# read "Only the holder of a level, or a higher level, ..."). In English
# and Spanish, the Spanish with the level names view 2 shows.
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 1 3 "Rule"

tt_start
tt_wait_for 'Rule 0001'
tt_keys 2
tt_wait_for '\[Escalations\]'
tt_keys '?'
tt_wait_for 'Keys of the Escalations view'
tt_wait_for '^At the CSM level its holder acknowledges'
joined=$(tt_screen | tr -s ' \n' '  ')
case "$joined" in
*"Only the holder"*|*"escalation you hold"*) tt_fail "the help says only the holder acts: $joined" ;;
*"at the COO or CEO level any agent of that role does, not only its holder. A higher role acts on every level below its own, an administrator on all"*) ;;
*) tt_fail "the help does not say who may act: $joined" ;;
esac
tt_keys q
tt_keys Q
tt_wait_for 'tt-exit=0'

tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt" Enter
tt_wait_for 'Rule 0001'
tt_keys 2
tt_wait_for '\[Escalados\]'
tt_keys '?'
tt_wait_for 'Teclas de la vista Escalados'
tt_wait_for '^En el nivel Resp\. Éxito lo confirma'
joined=$(tt_screen | tr -s ' \n' '  ')
case "$joined" in
*"Solo el titular"*|*"del que es titular"*) tt_fail "the Spanish help says only the holder acts: $joined" ;;
*"en los niveles Operaciones y Dir. General, cualquier agente de ese rol, no solo su titular. Un rol superior actúa en todos los niveles por debajo del suyo, y un administrador en todos"*) ;;
*) tt_fail "the Spanish help does not say who may act: $joined" ;;
esac
tt_keys q
tt_keys Q
tt_wait_for 'tt-exit=0'
