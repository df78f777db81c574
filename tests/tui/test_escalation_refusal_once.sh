#!/bin/sh
# A lead who presses `a` on an escalation already acknowledged is told
# so once, in their language: "the escalation of ticket 1 is already
# acknowledged" (before, the status line and :messages went on with the
# server's field key and the same words again, "; escalation: is already
# acknowledged", and in Spanish "el escalado del ticket 1 ya está
# confirmado; escalation: ya está confirmado"). In English and Spanish.
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' frozen   # a Wednesday, 10:00 in New York
tt_role once_csm csm
tt_agent once_csm csm
tt_csm_of once_csm 'Acme Media'
tt_tickets 1 2 "Acked"
id=$(tt_val "SELECT min(id) FROM tickets")
tt_sql "SELECT api_escalate($id, 'Placements blank')" >/dev/null
tt_sql "SET SESSION AUTHORIZATION once_csm; SELECT api_escalation_ack($id)" >/dev/null ||
	tt_fail "the CSM cannot acknowledge the escalation"

tt_start "--db='dbname=$TT_DB user=once_csm'"
tt_wait_for 'Acked 0001'
tt_keys 2
tt_wait_for 'CSM \(1\)'
tt_wait_for "^#$id Acked 0001"
tt_keys a
tt_wait_for "^the escalation of ticket $id is already acknowledged"
tt_assert "^the escalation of ticket $id is already acknowledged( +\\[1 unread notification\\])? *$"
tt_messages_open
joined=$(tt_screen_text)
case "$joined" in
*"escalation:"*|*"acknowledged; "*) tt_fail "the refusal is said twice: $joined" ;;
*"the escalation of ticket $id is already acknowledged"*) ;;
*) tt_fail "the refusal is not in :messages: $joined" ;;
esac
tt_keys q
tt_keys Q
tt_wait_for 'tt-exit=0'

tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt --db='dbname=$TT_DB user=once_csm'" Enter
tt_wait_for 'Acked 0001'
tt_keys 2
tt_wait_for 'Resp\. Éxito \(1\)'
tt_wait_for "^#$id Acked 0001"
tt_keys a
tt_wait_for "^el escalado del ticket $id ya está confirmado"
tt_assert "^el escalado del ticket $id ya está confirmado( +\\[1 notificación sin leer\\])? *$"
tt_keys :
tt_keys -l messages
tt_keys Enter
tt_wait_for 'Mensajes, los más recientes primero'
joined=$(tt_screen | tr -s ' \n' '  ')
case "$joined" in
*"escalation"*|*"confirmado; "*) tt_fail "the Spanish refusal is said twice, or in English: $joined" ;;
*"el escalado del ticket $id ya está confirmado"*) ;;
*) tt_fail "the Spanish refusal is not in :messages: $joined" ;;
esac
tt_keys q
tt_keys Q
tt_wait_for 'tt-exit=0'
